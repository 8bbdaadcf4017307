package io.counterline.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.protocol.Bodies;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Request;
import io.counterline.protocol.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests carry a deadline: the engine never starts acting on one after it (issue 18, item 8). */
class RequestDeadlineTest {
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

    private Response submit(String id, Operation op, Object args, Instant deadline) throws Exception {
        return f.engine.submit("k1", Request.of(id, op, f.codec.toBody(args), deadline)).get(10, TimeUnit.SECONDS);
    }

    private Instant pastAllowance() {
        return f.clock.instant().minus(Request.CLOCK_ALLOWANCE).minusMillis(1);
    }

    @Test
    void blockLease_pastItsDeadline_answeredExpiredAndNoNumbersLeased() throws Exception {
        Response late = submit("lease-1", Operation.BLOCK_LEASE, new Bodies.LeaseBlock("A", 20), pastAllowance());

        assertThat(late.ok()).isFalse();
        assertThat(late.error().code()).isEqualTo("EXPIRED");
        // The next lease starts where the first would have: the expired one took no numbers.
        Bodies.BlockLease next = f.ok("k1", Operation.BLOCK_LEASE, new Bodies.LeaseBlock("A", 20),
                Bodies.BlockLease.class);
        try (EngineFixture untouched = new EngineFixture(dir.resolve("other"))) {
            Bodies.BlockLease fresh = untouched.ok("k1", Operation.BLOCK_LEASE, new Bodies.LeaseBlock("A", 20),
                    Bodies.BlockLease.class);
            assertThat(next.first()).isEqualTo(fresh.first());
        }
    }

    @Test
    void ticketIssue_withinDeadlinePlusClockAllowance_acted() throws Exception {
        Instant deadline = f.clock.instant().minus(Request.CLOCK_ALLOWANCE);

        Response r = submit("issue-1", Operation.TICKET_ISSUE, new Bodies.IssueTicket("A"), deadline);

        assertThat(r.ok()).as("%s", r.error()).isTrue();
    }

    @Test
    void askedAgainAfterItsDeadline_requestActedOnInTime_getsTheFirstAnswerNotExpired() throws Exception {
        Instant deadline = f.clock.instant().plusSeconds(2);
        Response first = submit("issue-1", Operation.TICKET_ISSUE, new Bodies.IssueTicket("A"), deadline);
        f.clock.advance(Duration.ofMinutes(5));

        Response again = submit("issue-1", Operation.TICKET_ISSUE, new Bodies.IssueTicket("A"), deadline);

        assertThat(first.ok()).isTrue();
        assertThat(again).isEqualTo(first);
    }

    @Test
    void requestWithoutDeadline_neverExpires() throws Exception {
        f.clock.advance(Duration.ofHours(3));

        Response r = f.engine.submit("k1", Request.of("issue-1", Operation.TICKET_ISSUE,
                f.codec.toBody(new Bodies.IssueTicket("A")))).get(10, TimeUnit.SECONDS);

        assertThat(r.ok()).as("%s", r.error()).isTrue();
    }
}
