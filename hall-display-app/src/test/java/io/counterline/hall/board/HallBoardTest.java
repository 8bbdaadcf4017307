package io.counterline.hall.board;

import static io.counterline.hall.States.call;
import static io.counterline.hall.States.calls;
import static io.counterline.hall.States.day;
import static io.counterline.hall.States.recall;
import static io.counterline.hall.States.settings;
import static io.counterline.hall.States.signage;
import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.hall.HallSettings;
import io.counterline.protocol.CallsState.Call;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HallBoardTest {
    private final FakeDelay delay = new FakeDelay();
    private final List<Call> announced = new ArrayList<>();
    private final List<BoardSnapshot> seen = new ArrayList<>();
    private HallBoard board;

    private final Call a1 = call("k1", "A001", 1, 1);
    private final Call b1 = call("k2", "B001", 2, 2);
    private final Call a2 = call("k3", "A002", 3, 3);

    @BeforeEach
    void setUp() {
        board = new HallBoard(settings(Path.of("content")), delay);
        board.onNewCall(announced::add);
        board.subscribe(seen::add);
        board.applyCalls(calls(0));
    }

    @Test
    void subscribe_any_getsCurrentSnapshotAtOnce() {
        assertThat(seen).isNotEmpty();
        assertThat(seen.get(0).connected()).as("not connected until told").isFalse();
    }

    @Test
    void applyCalls_firstStateAfterStart_showsCallsWithoutAnnouncingThem() {
        HallBoard fresh = new HallBoard(settings(Path.of("content")), delay);
        List<Call> news = new ArrayList<>();
        fresh.onNewCall(news::add);

        fresh.applyCalls(calls(10, b1, a1));

        assertThat(fresh.snapshot().current()).contains(b1);
        assertThat(fresh.snapshot().highlighted()).isFalse();
        assertThat(news).isEmpty();
    }

    @Test
    void applyCalls_newCalls_reportedOldestFirstNewestShownAndHighlighted() {
        board.applyCalls(calls(10, a2, b1, a1));

        assertThat(announced).containsExactly(a1, b1, a2);
        BoardSnapshot shown = board.snapshot();
        assertThat(shown.current()).contains(a2);
        assertThat(shown.alsoCalling()).as("three counters called at once").containsExactly(b1, a1);
        assertThat(shown.previous()).isEmpty();
        assertThat(shown.highlighted()).isTrue();
        assertThat(delay.requested()).containsExactlyInAnyOrder(Duration.ofSeconds(8), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Test
    void applyCalls_twoCountersCallAtOnce_bothNowCallingUntilTheOlderOnesTimeEnds() {
        board.applyCalls(calls(10, b1, a1));

        assertThat(board.snapshot().current()).contains(b1);
        assertThat(board.snapshot().alsoCalling()).containsExactly(a1);
        assertThat(board.snapshot().previous()).isEmpty();

        delay.elapse(Duration.ofSeconds(8)); // the highlight ends, both still calling
        assertThat(board.snapshot().alsoCalling()).containsExactly(a1);

        delay.elapse(Duration.ofSeconds(30));
        assertThat(board.snapshot().current()).as("the newest call always stays large").contains(b1);
        assertThat(board.snapshot().alsoCalling()).isEmpty();
        assertThat(board.snapshot().previous()).containsExactly(a1);
    }

    @Test
    void applyCalls_otherCounterCallsShortlyAfter_earlierCallStaysNowCalling() {
        board.applyCalls(calls(10, a1));
        board.applyCalls(calls(12, b1, a1));

        assertThat(board.snapshot().current()).contains(b1);
        assertThat(board.snapshot().alsoCalling()).containsExactly(a1);
    }

    @Test
    void applyCalls_sameCounterCallsAgain_itsEarlierCallIsPrevious() {
        Call next = call("k4", "A003", 1, 4);
        board.applyCalls(calls(10, a1));

        board.applyCalls(calls(12, next, a1));

        assertThat(board.snapshot().current()).contains(next);
        assertThat(board.snapshot().alsoCalling()).isEmpty();
        assertThat(board.snapshot().previous()).containsExactly(a1);
    }

    @Test
    void applyCalls_recallAtTheOtherCounter_onlyTheLatestCallPerCounterIsNowCalling() {
        board.applyCalls(calls(10, b1, a1));
        Call again = recall(a1, "k9", 20);

        board.applyCalls(calls(20, again, b1, a1));

        assertThat(board.snapshot().current()).contains(again);
        assertThat(board.snapshot().alsoCalling()).containsExactly(b1);
        assertThat(board.snapshot().previous()).containsExactly(a1);
    }

    @Test
    void applyCalls_moreCountersAtOnceThanTheScreenHolds_restListedAsPrevious() {
        Call c4 = call("k4", "A004", 4, 4);
        Call c5 = call("k5", "A005", 5, 5);

        board.applyCalls(calls(10, c5, c4, a2, b1));

        assertThat(board.snapshot().current()).contains(c5);
        assertThat(board.snapshot().alsoCalling()).containsExactly(c4, a2);
        assertThat(board.snapshot().previous()).containsExactly(b1);
    }

    @Test
    void applyCalls_historyAtStart_notNowCalling() {
        HallBoard fresh = new HallBoard(settings(Path.of("content")), delay);

        fresh.applyCalls(calls(10, b1, a1));

        assertThat(fresh.snapshot().alsoCalling()).isEmpty();
        assertThat(fresh.snapshot().previous()).containsExactly(a1);
    }

    @Test
    void applyCalls_sameStateTwice_reportedOnce() {
        board.applyCalls(calls(10, a1));
        board.applyCalls(calls(10, a1));

        assertThat(announced).containsExactly(a1);
    }

    @Test
    void applyCalls_recallWithNewCallId_reportedAgain() {
        board.applyCalls(calls(10, a1));
        Call again = recall(a1, "k9", 20);

        board.applyCalls(calls(20, again, a1));

        assertThat(announced).containsExactly(a1, again);
        assertThat(board.snapshot().current()).contains(again);
    }

    @Test
    void applyCalls_olderStateAfterNewer_ignored() {
        board.applyCalls(calls(20, b1, a1));

        board.applyCalls(calls(10, a1));

        assertThat(board.snapshot().current()).contains(b1);
        assertThat(announced).containsExactly(a1, b1);
    }

    @Test
    void highlight_timeElapsed_ends() {
        board.applyCalls(calls(10, a1));

        delay.elapse();

        assertThat(board.snapshot().highlighted()).isFalse();
    }

    @Test
    void highlight_earlierCallsTimerFires_keepsNewerCallHighlighted() {
        board.applyCalls(calls(10, a1));
        board.applyCalls(calls(11, b1, a1));
        assertThat(board.snapshot().highlighted()).isTrue();

        delay.elapse(); // both timers: a1's must not end b1's highlight early, b1's ends it

        assertThat(board.snapshot().highlighted()).isFalse();
        assertThat(seen.get(seen.size() - 1).current()).contains(b1);
    }

    @Test
    void highlight_sameStateRedelivered_staysOn() {
        board.applyCalls(calls(10, a1));

        board.applyCalls(calls(10, a1));

        assertThat(board.snapshot().highlighted()).isTrue();
        assertThat(delay.requested()).as("one highlight, one calling time").hasSize(2);
    }

    @Test
    void applyCalls_moreThanPreviousCallsSetting_listsOnlyThatMany() {
        HallSettings two = new HallSettings(Duration.ofSeconds(8), Duration.ofSeconds(30), 2, Path.of("content"), 3,
                false, 1920, 1080, Map.of());
        HallBoard small = new HallBoard(two, delay);

        small.applyCalls(calls(10, a2, b1, a1, call("k0", "A000", 1, 0))); // history: none now calling

        assertThat(small.snapshot().previous()).containsExactly(b1, a1);
    }

    @Test
    void connectionLost_any_keepsBoardAndMarksIt() {
        board.connectionRestored();
        board.applyCalls(calls(10, a1));
        board.applySignage(signage(List.of("欢迎"), List.of(), 5));

        board.connectionLost();

        BoardSnapshot shown = board.snapshot();
        assertThat(shown.connected()).isFalse();
        assertThat(shown.current()).contains(a1);
        assertThat(shown.lines()).containsExactly("欢迎");

        board.connectionRestored();
        assertThat(board.snapshot().connected()).isTrue();
    }

    @Test
    void applyDay_unknownZone_keepsPreviousZoneAndTakesName() {
        board.applyDay(day("First Branch", "Asia/Shanghai"));

        board.applyDay(day("Renamed Branch", "Mars/Olympus"));

        assertThat(board.snapshot().zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(board.snapshot().branchName()).isEqualTo("Renamed Branch");
    }

    @Test
    void listener_throws_otherListenersAndBoardGoOn() {
        List<BoardSnapshot> later = new ArrayList<>();
        HallBoard fresh = new HallBoard(settings(Path.of("content")), delay);
        fresh.subscribe(s -> {
            if (s.connected()) {
                throw new IllegalStateException("broken view");
            }
        });
        fresh.subscribe(later::add);

        fresh.connectionRestored();

        assertThat(later).last().extracting(BoardSnapshot::connected).isEqualTo(true);
    }
}
