package io.counterline.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the whole benchmark in its quick mode on the embedded broker (always available) and checks
 * that every figure was produced and is a positive number. It does not judge speed: that is what
 * the report is for. An integration test (failsafe): about 40 s, several JVMs.
 */
class BenchSmokeIT {

    @Test
    void quickRun_embeddedBroker_producesEveryFigurePositive() throws Exception {
        Report report = BenchMain.run(Plan.QUICK, LoopbackBroker.Kind.EMBEDDED);

        Map<String, Double> numbers = report.numbers();
        assertThat(report.latencies()).extracting(Report.Latency::name).containsExactly(
                Report.BASELINE,
                "SQLite durable commit, 1 row (fsync floor)",
                "kiosk press -> first slip byte (online)",
                "call next -> LED frame written",
                "call next -> answer at the caller",
                "call next -> hall display has the call",
                "rating key -> thank-you LED (outbox commit incl.)",
                "rating key -> server committed (ack)");
        assertThat(report.latencies()).allSatisfy(l -> assertThat(l.summary().n()).isEqualTo(
                l.name().equals(Report.BASELINE) ? Plan.QUICK.baselineSamples() : Plan.QUICK.samples()));
        assertThat(report.figures()).extracting(Report.Figure::name).contains(
                "durable ticket.issue ops/s, 1 kiosk", "durable ticket.issue ops/s, 4 kiosks",
                "durable ticket.issue ops/s, 16 kiosks", "outbox drain rate",
                "VmRSS after start, JVM defaults: branch server (with embedded broker)",
                "VmRSS after start, shipped flags: branch server (with embedded broker)",
                "VmRSS after start, JVM defaults: kiosk (headless node)", "VmRSS after start, shipped flags: kiosk (headless node)",
                "VmRSS after start, shipped flags: counter caller (headless node)",
                "VmRSS after start, shipped flags: rating pad (its Main, no screen)",
                "VmRSS after start, shipped flags: hall display (headless node)",
                "start -> connected, shipped flags: rating pad (its Main, no screen)",
                "start -> connected, JVM defaults: rating pad (its Main, no screen)");
        assertThat(numbers).allSatisfy((name, value) -> assertThat(value).as(name).isPositive().isFinite());
        assertThat(report.text()).contains("p50/rt", "broker: embedded", "machine: ");
    }
}
