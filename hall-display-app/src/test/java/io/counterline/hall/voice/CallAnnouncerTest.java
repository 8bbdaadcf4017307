package io.counterline.hall.voice;

import static io.counterline.hall.States.call;
import static io.counterline.hall.States.calls;
import static io.counterline.hall.States.recall;
import static io.counterline.hall.States.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.audio.Announcement;
import io.counterline.hall.board.FakeDelay;
import io.counterline.hall.board.HallBoard;
import io.counterline.protocol.CallsState.Call;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallAnnouncerTest {
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final FakeAnnouncer speaker = new FakeAnnouncer();
    private final Call a1 = call("k1", "A001", 1, 1);
    private final Call b1 = call("k2", "B001", 2, 2);
    private final Call a2 = call("k3", "A002", 3, 3);
    private final Call a3 = call("k4", "A003", 4, 4);
    private final Call a4 = call("k5", "A004", 5, 5);
    private CallAnnouncer queue = new CallAnnouncer(speaker, CallAnnouncerTest::phrase, 3, CLOSE_WAIT);

    /** Stands in for Phrases.call: the text names the ticket so the test can tell them apart. */
    private static Announcement phrase(Call call) {
        return new Announcement(call.number() + "@" + call.counter(), List.of(call.number(), call.counter()), true);
    }

    @AfterEach
    void tearDown() {
        speaker.releaseAll();
        queue.close();
    }

    @Test
    void enqueue_threeCalls_eachSpokenTwiceInOrderChimeOnlyFirst() {
        queue.enqueue(a1);
        queue.enqueue(b1);
        queue.enqueue(a2);

        await().until(() -> speaker.played().size() == 6);
        assertThat(speaker.playedTexts()).containsExactly("A001@c1", "A001@c1", "B001@c2", "B001@c2",
                "A002@c3", "A002@c3");
        assertThat(speaker.played()).extracting(Announcement::chime)
                .containsExactly(true, false, true, false, true, false);
        assertThat(speaker.played().get(1).segments()).containsExactly("A001", "c1");
    }

    @Test
    void enqueue_whileOneIsPlaying_nextWaitsUntilItHasPlayedToTheEnd() {
        speaker.hold();
        queue.enqueue(a1);
        await().until(() -> speaker.events().contains("start A001@c1"));

        queue.enqueue(b1);
        // No waiting to see that B does not start: the exact order of events below shows it
        // (had B started while A was held, "start B001@c2" would come before "end A001@c1").
        speaker.releaseAll();
        await().until(() -> speaker.played().size() == 4);
        assertThat(speaker.events()).containsExactly(
                "start A001@c1", "end A001@c1", "start A001@c1", "end A001@c1",
                "start B001@c2", "end B001@c2", "start B001@c2", "end B001@c2");
        assertThat(speaker.wasInterrupted()).isFalse();
    }

    @Test
    void fedByBoard_recallAnnouncedAgainRedeliveredStateNot() {
        HallBoard board = new HallBoard(settings(Path.of("content")), new FakeDelay());
        board.onNewCall(queue::enqueue);
        board.applyCalls(calls(0));
        Call again = recall(a1, "k9", 20);

        board.applyCalls(calls(10, a1));
        board.applyCalls(calls(10, a1));
        board.applyCalls(calls(20, again, a1));
        board.applyCalls(calls(20, again, a1));

        // The sentinel: a new call after the redeliveries. When it has been spoken, an
        // announcement of a redelivered state, queued before it, would have been spoken too.
        board.applyCalls(calls(30, b1, again, a1));
        await().until(() -> speaker.played().size() >= 6);
        assertThat(speaker.playedTexts()).containsExactly("A001@c1", "A001@c1", "A001@c1", "A001@c1",
                "B001@c2", "B001@c2");
    }

    @Test
    void enqueue_morePendingThanThreshold_olderOnesSpokenOnce() {
        speaker.hold();
        queue.enqueue(a1);
        await().until(() -> speaker.events().contains("start A001@c1"));
        queue.enqueue(b1);
        queue.enqueue(a2);
        queue.enqueue(a3);
        queue.enqueue(a4);

        speaker.releaseAll();

        // After A001 plays, 5 are pending counting it (> 3): once. B001: 4 pending: once.
        // A002: 3 pending, not more than 3: twice, and so on.
        await().until(() -> speaker.played().size() == 8);
        assertThat(speaker.playedTexts()).containsExactly("A001@c1", "B001@c2", "A002@c3", "A002@c3",
                "A003@c4", "A003@c4", "A004@c5", "A004@c5");
        assertThat(speaker.played()).extracting(Announcement::chime)
                .containsExactly(true, true, true, false, true, false, true, false);
    }

    @Test
    void announce_fails_loggedAndQueueGoesOn() {
        speaker.failOn("A001@c1");

        queue.enqueue(a1);
        queue.enqueue(b1);

        await().until(() -> speaker.played().size() == 2);
        assertThat(speaker.playedTexts()).containsExactly("B001@c2", "B001@c2");
        assertThat(speaker.events()).startsWith("start A001@c1", "fail A001@c1");
    }

    @Test
    void phrase_throws_loggedAndQueueGoesOn() {
        queue.close();
        queue = new CallAnnouncer(speaker, call -> {
            if (call == a1) {
                throw new IllegalArgumentException("no phrase for counter c1");
            }
            return phrase(call);
        }, 3, CLOSE_WAIT);

        queue.enqueue(a1);
        queue.enqueue(b1);

        await().until(() -> speaker.played().size() == 2);
        assertThat(speaker.playedTexts()).containsExactly("B001@c2", "B001@c2");
    }

    @Test
    void close_whilePlaying_letsItFinishDropsTheRestAndStopsTheWorker() {
        speaker.hold();
        queue.enqueue(a1);
        queue.enqueue(b1);
        await().until(() -> speaker.events().contains("start A001@c1"));

        Thread closer = new Thread(queue::close, "test-closer");
        closer.start();
        await().until(() -> closer.getState() == Thread.State.TIMED_WAITING);
        speaker.release();

        await().atMost(CLOSE_WAIT).until(() -> !closer.isAlive());
        assertThat(speaker.events()).containsExactly("start A001@c1", "end A001@c1");
        assertThat(speaker.wasInterrupted()).isFalse();
        assertThat(workerAlive()).isFalse();
        queue.enqueue(a2);
        assertThat(speaker.events()).hasSize(2);
    }

    @Test
    void close_announcerStuck_interruptsAfterTheWaitAndReturns() {
        queue.close();
        queue = new CallAnnouncer(speaker, CallAnnouncerTest::phrase, 3, Duration.ofMillis(200));
        speaker.hold();
        queue.enqueue(a1);
        await().until(() -> speaker.events().contains("start A001@c1"));

        long started = System.nanoTime();
        queue.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(speaker.wasInterrupted()).isTrue();
        assertThat(workerAlive()).isFalse();
    }

    private static boolean workerAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("hall-announcer") && t.isAlive());
    }
}
