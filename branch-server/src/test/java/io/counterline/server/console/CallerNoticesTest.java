package io.counterline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.console.auth.Role;
import io.counterline.console.auth.Scope;
import io.counterline.console.auth.User;
import io.counterline.console.supervision.EscalationLevel;
import io.counterline.console.supervision.Notice;
import io.counterline.console.supervision.OrderState;
import io.counterline.console.supervision.Supervision;
import io.counterline.console.supervision.WorkOrder;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.Command;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.CounterState;
import io.counterline.protocol.CounterStatus;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.TellerRef;
import io.counterline.server.queue.Outbound;
import io.counterline.testing.ManualClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Notices to the callers where their recipients are signed in: routed by the committed seats, throttled. */
class CallerNoticesTest {
    private static final Instant NOW = Instant.parse("2026-12-10T03:00:00Z");
    private final ManualClock clock = new ManualClock(NOW);
    private final List<Command> sent = new CopyOnWriteArrayList<>();
    private final List<String> states = new CopyOnWriteArrayList<>();
    private final MessageCodec codec = new MessageCodec();
    private final Map<String, List<Supervision.Standing>> standing = new java.util.concurrent.ConcurrentHashMap<>();
    private final CallerNotices notices = new CallerNotices(new Outbound() {
        @Override
        public void state(String topic, Object state) {
            states.add(topic);
        }

        @Override
        public void command(Command command, boolean retained) {
            sent.add(command);
        }

        @Override
        public void clearCommand(String device) {
        }
    }, c -> Map.of("c1", List.of("caller-1"), "c2", List.of("caller-2")).getOrDefault(c, List.of()), clock, teller -> standing.getOrDefault(teller,
            List.of()));

    private static User user(String login, Role role, String teller) {
        return new User(1, login, login, role, Scope.BRANCH, Optional.ofNullable(teller), "zh", false);
    }

    private static CounterState seat(String counter, String teller, CounterStatus status) {
        return new CounterState(MessageCodec.VERSION, counter, counter, counter, status, null,
                teller == null ? null : new TellerRef(teller, teller, "E1"), null, NOW);
    }

    private static WorkOrder order(long id) {
        return new WorkOrder(id, "complaint", "counter", OrderState.ASSIGNED, "normal", "x", "", null, null, "c1", "t1",
                "owner", NOW.plusSeconds(3600), 1, "t1@caller-1", NOW, null, null);
    }

    private static Notice notice(long order, EscalationLevel level) {
        return new Notice(0, order + "/1/" + level.wire(), order, level, "owner", NOW, NOW);
    }

    @Test
    void notice_goesToTheCallerWhereTheRecipientIsSignedIn_andFollowsThemWhenTheyMove() {
        User owner = user("owner", Role.TELLER, "t2");
        notices.state("cl/v1/b/state/counters/c2", seat("c2", "t2", CounterStatus.IDLE));
        assertThat(states).as("the state goes on unchanged").hasSize(1);
        assertThat(notices.notice(notice(1, EscalationLevel.REMINDER), order(1), List.of(owner)))
                .containsExactly("caller-2");
        Command c = sent.get(0);
        assertThat(c.type()).isEqualTo(CommandType.SUPERVISION_NOTICE);
        assertThat(c.device()).isEqualTo("caller-2");
        Bodies.SupervisionNotice body = codec.decodeBody(c.body(), Bodies.SupervisionNotice.class).orThrow();
        assertThat(body).isEqualTo(new Bodies.SupervisionNotice(1, "reminder", "complaint", NOW.plusSeconds(3600), 0));

        notices.state("cl/v1/b/state/counters/c2", seat("c2", null, CounterStatus.CLOSED));
        assertThat(notices.notice(notice(2, EscalationLevel.NOTICE), order(2), List.of(owner)))
                .as("signed out: nowhere to show it").isEmpty();
        notices.state("cl/v1/b/state/counters/c1", seat("c1", "t2", CounterStatus.SERVING));
        assertThat(notices.notice(notice(3, EscalationLevel.NOTICE), order(3), List.of(owner)))
                .containsExactly("caller-1");
        assertThat(notices.notice(notice(4, EscalationLevel.NOTICE), order(4),
                List.of(user("admin", Role.ADMIN, null)))).as("a user who is no teller has no caller").isEmpty();
    }

    @Test
    void aStorm_isThrottledPerCaller_andTheNextOneSaysHowManyWereHeldBack() {
        User owner = user("owner", Role.TELLER, "t2");
        notices.state("cl/v1/b/state/counters/c2", seat("c2", "t2", CounterStatus.IDLE));
        for (int i = 1; i <= 10; i++) {
            notices.notice(notice(i, EscalationLevel.NOTICE), order(i), List.of(owner));
        }
        assertThat(sent).hasSize(CallerNotices.BURST);
        clock.advance(CallerNotices.SPACING);
        notices.notice(notice(11, EscalationLevel.NOTICE), order(11), List.of(owner));
        assertThat(sent).hasSize(CallerNotices.BURST + 1);
        Bodies.SupervisionNotice last = codec.decodeBody(sent.get(sent.size() - 1).body(),
                Bodies.SupervisionNotice.class).orThrow();
        assertThat(last.order()).isEqualTo(11);
        assertThat(last.suppressed()).isEqualTo(10 - CallerNotices.BURST);
    }

    @Test
    void aTellerArriving_getsTheirStandingNotices_onTheirCounter() {
        User owner = user("owner", Role.TELLER, "t2");
        standing.put("t2", List.of(new Supervision.Standing(notice(5, EscalationLevel.NOTICE), order(5), List.of(owner))));
        notices.state("cl/v1/b/state/counters/c1", seat("c1", "t1", CounterStatus.IDLE));
        notices.state("cl/v1/b/state/counters/c2", seat("c2", "t2", CounterStatus.IDLE));
        org.awaitility.Awaitility.await().until(() -> sent.size() == 1);
        assertThat(sent.get(0).device()).isEqualTo("caller-2");
        assertThat(codec.decodeBody(sent.get(0).body(), Bodies.SupervisionNotice.class).orThrow().order()).isEqualTo(5);
        // The same seat published again (an answer, a republish) is no new arrival.
        notices.state("cl/v1/b/state/counters/c2", seat("c2", "t2", CounterStatus.SERVING));
        notices.notice(notice(6, EscalationLevel.REMINDER), order(6), List.of(owner));
        assertThat(sent).extracting(c -> codec.decodeBody(c.body(), Bodies.SupervisionNotice.class).orThrow().order())
                .containsExactly(5L, 6L);
        notices.close();
    }
}
