package io.counterline.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.protocol.Bodies;
import io.counterline.protocol.CounterStatus;
import io.counterline.protocol.DayState;
import io.counterline.protocol.Operation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rollover at 03:00 Shanghai time, with a clock that jumps both ways. */
class BusinessDayTest {
    @TempDir
    Path dir;

    private EngineFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new EngineFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private String status(String number, String day) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("server/branch.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status FROM tickets WHERE number = '" + number + "' AND day = '"
                     + day + "'")) {
            return rs.next() ? rs.getString(1) : "none";
        }
    }

    private void at(String instant) throws Exception {
        f.clock.set(Instant.parse(instant));
        f.settle();
    }

    @Test
    void beforeRolloverHour_staysOnTheSameBusinessDay() throws Exception {
        f.issue("k1", "A");
        at("2026-11-22T18:30:00Z"); // 02:30 on the 23rd in Shanghai
        assertThat(f.issue("k1", "A").ticket().number()).isEqualTo("A002");
        assertThat(((DayState) f.state.get("day")).businessDay()).isEqualTo("2026-11-22");
    }

    @Test
    void rollover_expiresOpenTickets_closesCounters_restartsNumbers() throws Exception {
        f.issue("k1", "A");
        f.issue("k1", "A");
        f.signIn("caller1", "t1");
        f.teller("caller1", Operation.CALL_NEXT);
        at("2026-11-22T19:30:00Z"); // 03:30 on the 23rd
        assertThat(((DayState) f.state.get("day")).businessDay()).isEqualTo("2026-11-23");
        assertThat(status("A001", "2026-11-22")).isEqualTo("EXPIRED");
        assertThat(status("A002", "2026-11-22")).isEqualTo("EXPIRED");
        assertThat(f.counter("c1").status()).isEqualTo(CounterStatus.CLOSED);
        assertThat(f.services().services().get(0).waiting()).isZero();
        Bodies.IssuedTicket t = f.issue("k1", "A");
        assertThat(t.ticket().number()).isEqualTo("A001");
        assertThat(t.ticket().id()).isEqualTo("b001-20261123-A001");
    }

    @Test
    void clockJumpsBack_neverReopensADayNorReusesANumber() throws Exception {
        at("2026-11-22T19:30:00Z"); // the 23rd
        f.issue("k1", "A");
        at("2026-11-22T04:00:00Z"); // back to noon on the 22nd
        Bodies.IssuedTicket t = f.issue("k1", "A");
        assertThat(t.ticket().id()).isEqualTo("b001-20261123-A002");
        f.restart();
        assertThat(f.issue("k1", "A").ticket().id()).as("after a restart, still").isEqualTo("b001-20261123-A003");
    }

    @Test
    void clockJumpsForwardDays_startsTheNewDayOnce() throws Exception {
        f.issue("k1", "A");
        at("2026-11-25T05:00:00Z");
        assertThat(((DayState) f.state.get("day")).businessDay()).isEqualTo("2026-11-25");
        assertThat(f.issue("k1", "A").ticket().id()).isEqualTo("b001-20261125-A001");
        assertThat(status("A001", "2026-11-22")).isEqualTo("EXPIRED");
    }

    @Test
    void restartAcrossRollover_expiresTheOldDayAtStart() throws Exception {
        f.issue("k1", "A");
        f.engine.close();
        f.store.close();
        f.clock.set(Instant.parse("2026-11-23T02:00:00Z"));
        f.start();
        assertThat(status("A001", "2026-11-22")).isEqualTo("EXPIRED");
        assertThat(f.issue("k1", "A").ticket().id()).isEqualTo("b001-20261123-A001");
    }
}
