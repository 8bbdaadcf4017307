package io.counterline.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.kiosk.printer.Slip;
import io.counterline.kiosk.ticket.TicketOutcome;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.EventType;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Request;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, item 12 (kiosk side): the kiosk's unanswered requests outlive a restart. Killed while
 * the server was away, it still asks what became of them when it is back, so a ticket the server
 * issued for nobody is voided.
 */
class UnansweredRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private KioskFixture kiosk;

    @AfterEach
    void tearDown() {
        if (kiosk != null) {
            kiosk.close();
        }
    }

    private List<String> issueIds() {
        return kiosk.server.requests().stream().filter(r -> r.op() == Operation.TICKET_ISSUE).map(Request::id)
                .toList();
    }

    @Test
    void ticketUnanswered_kioskRestartedWhileServerAway_askedAgainAfterRestartAndThatTicketVoided() throws Exception {
        kiosk = new KioskFixture(dir).start();
        await().atMost(WAIT).until(() -> kiosk.node.state().tile("A").map(t -> t.offlineNumbersLeft() == 20)
                .orElse(false));
        kiosk.server.silent(true);
        TicketOutcome offline = kiosk.node.press("A").get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(((TicketOutcome.Printed) offline).slip().offline()).isTrue();
        String asked = issueIds().get(0);

        // Stopped while the server is away: nothing of the kiosk's memory survives, only its files.
        kiosk.stop();
        kiosk.server.silent(false);
        kiosk.start();

        await().atMost(WAIT).until(() -> kiosk.events(EventType.SLIP_FAILED).size() == 1);
        assertThat(issueIds()).as("asked again after the restart, with its own id").containsExactly(asked, asked);
        Bodies.SlipOutcome voided = kiosk.server.body(kiosk.events(EventType.SLIP_FAILED).get(0),
                Bodies.SlipOutcome.class);
        assertThat(voided.reason()).isEqualTo("answer came too late; customer got an offline slip");
        assertThat(kiosk.printer.printed()).extracting(Slip::offline).containsExactly(true);

        // Settled: a further restart does not ask again.
        kiosk.stop();
        kiosk.start();
        await().atMost(WAIT).until(() -> kiosk.node.state().tile("A").isPresent());
        TicketOutcome online = kiosk.node.press("A").get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(online).isInstanceOf(TicketOutcome.Printed.class);
        assertThat(issueIds()).as("the settled request is not asked a third time").hasSize(3)
                .filteredOn(asked::equals).hasSize(2);
    }
}
