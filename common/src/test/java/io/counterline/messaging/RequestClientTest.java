package io.counterline.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.device.ScriptedServer;
import io.counterline.messaging.RequestClient.NotRememberedException;
import io.counterline.messaging.RequestClient.RequestAbandonedException;
import io.counterline.messaging.RequestClient.RequestTimeoutException;
import io.counterline.messaging.RequestClient.RetryLimits;
import io.counterline.messaging.RequestClient.Unanswered;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.ErrorInfo;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Request;
import io.counterline.protocol.Response;
import io.counterline.protocol.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The one retry path: ask again with the same id and deadline, bounded in count and age. */
class RequestClientTest {
    private static final Duration TIMEOUT = Duration.ofMillis(100);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant NOW = Instant.parse("2026-11-22T02:30:00Z");
    private static final RetryLimits LIMITS = new RetryLimits(10, 3, Duration.ofHours(1),
            new Backoff(Duration.ofHours(1), Duration.ofHours(1)));

    private final InMemoryBus broker = new InMemoryBus();
    private final ScriptedServer server = new ScriptedServer(broker, "b001");
    private final Events told = new Events();

    /** What the listener heard, in order. */
    private static final class Events implements RequestClient.UnansweredListener {
        final List<String> heard = new CopyOnWriteArrayList<>();

        @Override
        public void unanswered(Unanswered request) {
            heard.add("unanswered " + request.id());
        }

        @Override
        public void answeredLate(Unanswered request, Response answer) {
            heard.add("late " + request.id() + " " + (answer.ok() ? "ok" : answer.error().code()));
        }

        @Override
        public void abandoned(Unanswered request, String why) {
            heard.add("abandoned " + request.id());
        }
    }

    private RequestClient client(Clock clock, RetryLimits limits) {
        RequestClient c = new RequestClient(broker.client("kiosk-1"), Topics.of("b001"), "kiosk-1", clock, limits)
                .start();
        c.setUnansweredListener(told);
        return c;
    }

    private RequestClient client() {
        return client(Clock.fixed(NOW, ZoneOffset.UTC), LIMITS);
    }

    private static Throwable failure(CompletableFuture<?> f) {
        await().atMost(WAIT).until(f::isDone);
        try {
            f.get();
            throw new AssertionError("did not fail");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private void timeOut(RequestClient c, String id) {
        assertThat(failure(c.send(id, Operation.BLOCK_LEASE, new Bodies.LeaseBlock("A", 20), TIMEOUT)))
                .isInstanceOf(RequestTimeoutException.class);
    }

    @Test
    void send_any_carriesADeadlineOfNowPlusTheTimeout() throws Exception {
        server.on(Operation.TICKET_ISSUE, r -> server.ok(r, new Bodies.None()));
        RequestClient c = client();

        c.send(Operation.TICKET_ISSUE, new Bodies.IssueTicket("A"), TIMEOUT).get();

        assertThat(server.requests()).extracting(Request::deadline).containsExactly(NOW.plus(TIMEOUT));
        assertThat(c.unanswered()).isEmpty();
    }

    @Test
    void send_noAnswer_rememberedBeforeTheCallerHearsAndListenerTold() {
        RequestClient c = client();

        CompletableFuture<Boolean> rememberedWhenFailed = c.send("r-1", Operation.BLOCK_LEASE,
                new Bodies.LeaseBlock("A", 20), TIMEOUT).handle((r, e) -> c.unanswered().size() == 1);

        await().atMost(WAIT).until(rememberedWhenFailed::isDone);
        assertThat(rememberedWhenFailed.join()).isTrue();
        assertThat(c.unanswered()).extracting(Unanswered::id, Unanswered::op, Unanswered::asks)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r-1", Operation.BLOCK_LEASE, 0));
        assertThat(told.heard).containsExactly("unanswered r-1");
    }

    @Test
    void askAgain_unanswered_sameIdSameArgsSameDeadlineAndTheAnswerForgetsIt() throws Exception {
        RequestClient c = client();
        timeOut(c, "r-1");
        server.on(Operation.BLOCK_LEASE, r -> server.ok(r, new Bodies.BlockLease("A", "A", "2026-11-22", 1, 20)));

        Response again = c.askAgain("r-1", TIMEOUT).get();

        assertThat(again.ok()).isTrue();
        Request first = server.requests().get(0);
        assertThat(server.requests()).hasSize(2).allSatisfy(r -> assertThat(r).isEqualTo(first));
        assertThat(first.deadline()).isEqualTo(NOW.plus(TIMEOUT));
        assertThat(c.unanswered()).isEmpty();
        assertThat(told.heard).containsExactly("unanswered r-1", "late r-1 ok");
        assertThat(failure(c.askAgain("r-1", TIMEOUT))).isInstanceOf(NotRememberedException.class);
    }

    @Test
    void lateAnswer_toARememberedRequest_listenerToldAndForgotten() throws Exception {
        RequestClient c = client();
        timeOut(c, "r-1");

        broker.client("late-server").publish(Topics.of("b001").responses("kiosk-1"),
                new io.counterline.protocol.MessageCodec().encode(Response.failed("r-1",
                        new ErrorInfo("EXPIRED", "expired", "已过期"))), false);

        await().atMost(WAIT).until(() -> told.heard.size() == 2);
        assertThat(told.heard).containsExactly("unanswered r-1", "late r-1 EXPIRED");
        assertThat(c.unanswered()).isEmpty();
    }

    @Test
    void askAgain_beyondTheAskLimit_abandonedForgottenAndListenerTold() {
        RequestClient c = client();
        timeOut(c, "r-1");
        for (int i = 0; i < LIMITS.asks(); i++) {
            assertThat(failure(c.askAgain("r-1", TIMEOUT))).isInstanceOf(RequestTimeoutException.class);
        }

        assertThat(failure(c.askAgain("r-1", TIMEOUT))).isInstanceOf(RequestAbandonedException.class)
                .hasMessageContaining("asked again 3 times");
        assertThat(c.unanswered()).isEmpty();
        assertThat(server.requests()).hasSize(1 + LIMITS.asks());
        assertThat(told.heard).containsExactly("unanswered r-1", "abandoned r-1");
    }

    @Test
    void askAgain_olderThanTheAgeLimit_abandoned() {
        // Any real timeout outlives an age limit of a nanosecond.
        RequestClient c = client(Clock.systemUTC(), new RetryLimits(10, 3, Duration.ofNanos(1), LIMITS.pause()));
        timeOut(c, "r-1");

        assertThat(failure(c.askAgain("r-1", TIMEOUT))).isInstanceOf(RequestAbandonedException.class)
                .hasMessageContaining("unanswered for more than");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void timeouts_beyondTheCountLimit_oldestAbandoned() {
        RequestClient c = client(Clock.fixed(NOW, ZoneOffset.UTC), new RetryLimits(2, 3, Duration.ofHours(1),
                LIMITS.pause()));
        timeOut(c, "r-1");
        timeOut(c, "r-2");
        timeOut(c, "r-3");

        assertThat(c.unanswered()).extracting(Unanswered::id).containsExactly("r-2", "r-3");
        assertThat(told.heard).contains("abandoned r-1");
    }

    @Test
    void askAgainDue_pauseNotOver_notSent_askAgainAll_sentAtOnce() {
        RequestClient c = client();
        timeOut(c, "r-1");

        c.askAgainDue(u -> true, TIMEOUT);
        assertThat(server.requests()).as("the pause after the first ask is an hour").hasSize(1);

        c.askAgainAll(TIMEOUT);
        await().atMost(WAIT).until(() -> server.requests().size() == 2);
        assertThat(server.requests().get(1).id()).isEqualTo("r-1");
    }

    @Test
    void askAgain_whileARepeatIsOut_notSentTwice() {
        RequestClient c = client(Clock.fixed(NOW, ZoneOffset.UTC), LIMITS);
        timeOut(c, "r-1");

        CompletableFuture<Response> first = c.askAgain("r-1", Duration.ofSeconds(30));
        CompletableFuture<Response> second = c.askAgain("r-1", Duration.ofSeconds(30));

        await().atMost(WAIT).until(() -> server.requests().size() == 2);
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        assertThat(c.unanswered()).extracting(Unanswered::asks).containsExactly(1);
    }

    @Test
    void remember_keptElsewhere_askedAgainLikeTheOthers() {
        RequestClient c = client();
        Unanswered kept = new Unanswered("r-9", Operation.TICKET_ISSUE,
                new io.counterline.protocol.MessageCodec().toBody(new Bodies.IssueTicket("A")), NOW, NOW, 0, NOW);

        c.remember(kept);
        c.askAgainAll(TIMEOUT);

        await().atMost(WAIT).until(() -> server.requests().size() == 1);
        assertThat(server.requests().get(0)).isEqualTo(Request.of("r-9", Operation.TICKET_ISSUE, kept.args(), NOW));
    }
}
