package io.counterline.hall;

import static io.counterline.hall.States.call;
import static io.counterline.hall.States.calls;
import static io.counterline.hall.States.day;
import static io.counterline.hall.States.recall;
import static io.counterline.hall.States.service;
import static io.counterline.hall.States.services;
import static io.counterline.hall.States.settings;
import static io.counterline.hall.States.signage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.audio.Announcement;
import io.counterline.device.DeviceRuntime;
import io.counterline.device.ScriptedServer;
import io.counterline.hall.board.BoardSnapshot;
import io.counterline.hall.board.Slide;
import io.counterline.hall.voice.FakeAnnouncer;
import io.counterline.messaging.InMemoryBus;
import io.counterline.outbox.OutboxException;
import io.counterline.protocol.CallsState.Call;
import io.counterline.protocol.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node on an in-memory broker, fed by a scripted server: board, voice and connection. */
class HallNodeTest {
    private static final Duration QUIET = Duration.ofMillis(300);

    @TempDir
    Path dir;

    private final Topics topics = Topics.of("b001");
    private final InMemoryBus broker = new InMemoryBus();
    private final ScriptedServer server = new ScriptedServer(broker, "b001");
    private final InMemoryBus.Client link = broker.client("hall-1");
    private final FakeAnnouncer speaker = new FakeAnnouncer();
    private final Call a1 = call("k1", "A001", 1, 1);
    private final Call b1 = call("k2", "B001", 2, 2);
    private final Call a2 = call("k3", "A002", 3, 3);
    private final Call a3 = call("k4", "A003", 4, 4);
    private final Call a4 = call("k5", "A004", 5, 5);
    private DeviceRuntime runtime;
    private HallNode node;

    @BeforeEach
    void startRuntime() throws OutboxException {
        runtime = DeviceRuntime.start(States.device(dir), Clock.systemUTC(), link);
    }

    @AfterEach
    void tearDown() {
        speaker.releaseAll();
        if (node != null) {
            node.close();
        }
        runtime.close();
    }

    private void startNode() {
        node = HallNode.start(settings(dir), runtime, speaker);
    }

    private BoardSnapshot board() {
        return node.board().snapshot();
    }

    private static String said(String number, int counter) {
        return "请 " + number + " 号到 " + counter + " 号窗口";
    }

    @Test
    void start_retainedState_boardShowsItAndAnnouncesNothing() {
        server.publishState(topics.calls(), calls(0, b1, a1));
        server.publishState(topics.services(), services(service("a", "个人业务", "Personal", 12, 900)));
        server.publishState(topics.day(), day("城南支行", "Asia/Shanghai"));
        server.publishState(topics.signage(), signage(List.of("欢迎光临"), List.of("welcome.png"), 7));

        startNode();

        await().until(() -> board().current().isPresent() && !board().lines().isEmpty()
                && !board().branchName().isEmpty() && !board().services().isEmpty());
        BoardSnapshot shown = board();
        assertThat(shown.current()).contains(b1);
        assertThat(shown.previous()).containsExactly(a1);
        assertThat(shown.highlighted()).isFalse();
        assertThat(shown.services()).extracting(s -> s.nameZh() + " " + s.waiting()).containsExactly("个人业务 12");
        assertThat(shown.branchName()).isEqualTo("城南支行");
        assertThat(shown.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(shown.lines()).containsExactly("欢迎光临");
        assertThat(shown.images()).containsExactly("welcome.png");
        assertThat(shown.slides()).extracting(Slide::duration).containsExactly(Duration.ofSeconds(7));
        await().until(() -> board().connected());
        // The retained calls are history: they were announced before this display started. A new
        // call after them is the sentinel: had they been said, they would be said before it.
        server.publishState(topics.calls(), calls(40, a2, b1, a1));
        await().until(() -> speaker.played().size() == 2);
        assertThat(speaker.playedTexts()).containsOnly(said("A002", 3));
    }

    @Test
    void publish_newCallsAfterStart_eachSaidTwiceInOrderChimeFirst() {
        server.publishState(topics.calls(), calls(0));
        startNode();

        server.publishState(topics.calls(), calls(10, a1));
        server.publishState(topics.calls(), calls(20, b1, a1));

        await().until(() -> speaker.played().size() == 4);
        assertThat(speaker.playedTexts()).containsExactly(said("A001", 1), said("A001", 1), said("B001", 2),
                said("B001", 2));
        assertThat(speaker.played()).extracting(Announcement::chime).containsExactly(true, false, true, false);
        assertThat(board().current()).contains(b1);
        assertThat(board().highlighted()).isTrue();
    }

    @Test
    void publish_recallAndRepeatedStates_recallSaidAgainRepeatNot() {
        server.publishState(topics.calls(), calls(0));
        startNode();
        Call again = recall(a1, "k9", 30);

        server.publishState(topics.calls(), calls(10, a1));
        server.publishState(topics.calls(), calls(10, a1));
        server.publishState(topics.calls(), calls(30, again, a1));
        server.publishState(topics.calls(), calls(30, again, a1));

        // Sentinel: a new call after the repeats; a repeat said again would come before it.
        server.publishState(topics.calls(), calls(40, b1, again, a1));
        await().until(() -> speaker.played().size() >= 6);
        assertThat(speaker.playedTexts()).containsExactly(said("A001", 1), said("A001", 1), said("A001", 1),
                said("A001", 1), said("B001", 2), said("B001", 2));
        assertThat(board().current()).contains(b1);
    }

    @Test
    void publish_burstWhileSpeaking_olderCallsSaidOnceNothingCutOff() {
        server.publishState(topics.calls(), calls(0));
        startNode();
        speaker.hold();
        server.publishState(topics.calls(), calls(10, a1));
        await().until(() -> speaker.events().contains("start " + said("A001", 1)));

        server.publishState(topics.calls(), calls(11, b1, a1));
        server.publishState(topics.calls(), calls(12, a2, b1, a1));
        server.publishState(topics.calls(), calls(13, a3, a2, b1, a1));
        server.publishState(topics.calls(), calls(14, a4, a3, a2, b1, a1));
        // snapshot() waits for the board's action, which queues the call before it returns.
        await().until(() -> board().current().equals(Optional.of(a4)));
        speaker.releaseAll();

        // After A001: 5 pending counting it (> 3), once; B001: 4, once; then 3, 2, 1: twice.
        await().until(() -> speaker.played().size() == 8);
        assertThat(speaker.playedTexts()).containsExactly(said("A001", 1), said("B001", 2), said("A002", 3),
                said("A002", 3), said("A003", 4), said("A003", 4), said("A004", 5), said("A004", 5));
        assertThat(speaker.events()).filteredOn(e -> e.startsWith("start")).hasSize(8);
        assertThat(speaker.wasInterrupted()).isFalse();
    }

    @Test
    void linkCut_boardKeepsItsStateWithTheMark_restoreCatchesUpFromRetainedState() {
        server.publishState(topics.calls(), calls(0, a1));
        server.publishState(topics.services(), services(service("a", "个人业务", "Personal", 3, 300)));
        startNode();
        await().until(() -> board().connected() && board().current().isPresent() && !board().services().isEmpty());

        link.cut();
        await().until(() -> !board().connected());
        // The server goes on while the hall is away; the broker keeps the latest state retained.
        server.publishState(topics.calls(), calls(20, b1, a1));
        server.publishState(topics.services(), services(service("a", "个人业务", "Personal", 7, 600)));
        await().during(QUIET).until(() -> !board().connected() && board().current().equals(Optional.of(a1))
                && board().services().get(0).waiting() == 3);

        link.restore();

        await().until(() -> board().connected() && board().current().equals(Optional.of(b1))
                && board().services().get(0).waiting() == 7);
        assertThat(board().previous()).containsExactly(a1);
        // The call made while away is new to the board: said (twice), the one seen before not again.
        // Sentinel: a new call after the restore; A001 said again would come before it.
        server.publishState(topics.calls(), calls(30, a2, b1, a1));
        await().until(() -> speaker.played().size() >= 4);
        assertThat(speaker.playedTexts()).containsExactly(said("B001", 2), said("B001", 2), said("A002", 3),
                said("A002", 3));
    }

    @Test
    void close_laterStateIgnoredAndThreadsStopped() {
        server.publishState(topics.calls(), calls(0));
        startNode();
        server.publishState(topics.calls(), calls(5, a1));
        await().until(() -> speaker.played().size() == 2 && board().highlighted());
        assertThat(threadAlive(HallNode.THREAD)).isTrue();

        node.close();
        server.publishState(topics.calls(), calls(10, b1, a1));

        // Once the node's threads are gone nothing can change the board or speak: they are the sentinel.
        await().until(() -> !threadAlive("hall-announcer") && !threadAlive(HallNode.THREAD));
        assertThat(board().current()).contains(a1);
        assertThat(speaker.played()).hasSize(2);
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
