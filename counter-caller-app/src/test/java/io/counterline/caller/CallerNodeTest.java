package io.counterline.caller;

import static io.counterline.caller.CallerRig.T0;
import static io.counterline.caller.CallerRig.calling;
import static io.counterline.caller.CallerRig.idle;
import static io.counterline.caller.CallerRig.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.audio.Phrases;
import io.counterline.caller.teller.TellerException;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.CounterStatus;
import io.counterline.protocol.EventType;
import io.counterline.protocol.HealthLevel;
import io.counterline.protocol.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The caller without a screen: LED display, call button, voice and offline mode follow the server. */
class CallerNodeTest {
    @TempDir
    Path dir;
    private CallerRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = new CallerRig(dir);
        rig.publish(idle());
        await().until(() -> rig.node.controller().view().status() == CounterStatus.IDLE);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void display_counterStateCallingPausedIdle_followsTheServer() {
        await().until(() -> rig.display.text().equals("欢迎光临"));

        rig.publish(calling("A012", T0.plusSeconds(60)));
        await().until(() -> rig.display.text().equals("请 A012 号"));

        rig.publish(state(CounterStatus.PAUSED, null, T0.plusSeconds(120)));
        await().until(() -> rig.display.text().equals("暂停服务"));

        rig.publish(idle());
        await().until(() -> rig.display.text().equals("欢迎光临"));
    }

    @Test
    void callButton_pressAndLongPress_requestCallNextAndRecall() {
        rig.answer(Operation.CALL_NEXT, calling("A012", T0.plusSeconds(60)));
        rig.answer(Operation.CALL_RECALL, calling("A012", T0.plusSeconds(60)));

        rig.button.press();
        await().until(() -> rig.requests(Operation.CALL_NEXT).size() == 1);
        await().until(rig.button::isLit);
        rig.button.longPress();
        await().until(() -> rig.requests(Operation.CALL_RECALL).size() == 1);

        rig.answer(Operation.SERVICE_COMPLETE, idle());
        await().until(() -> !rig.node.controller().view().busy()); // the recall answered: not refused as BUSY
        rig.node.controller().complete();
        await().until(() -> !rig.button.isLit());
    }

    @Test
    void voice_newCall_announcedOnceEvenWhenTheStateRepeats() throws Exception {
        rig.answer(Operation.CALL_NEXT, calling("A012", T0.plusSeconds(60)));

        rig.node.controller().callNext().get();
        rig.publish(calling("A012", T0.plusSeconds(60)));
        rig.publish(calling("A012", T0.plusSeconds(60)));

        await().until(() -> rig.spoken().size() == 1);
        assertThat(rig.announcer.announcements()).containsExactly(Phrases.call("A012", "3"));
        // The sentinel: a new call after the repeats, on the same path (call next completes A012
        // first, hence the rating prompt). When it has been said, anything the repeats would
        // have made it say has been said too.
        rig.answer(Operation.CALL_NEXT, calling("A013", T0.plusSeconds(120)));
        rig.node.controller().callNext().get();
        rig.publish(calling("A013", T0.plusSeconds(120)));
        await().until(() -> rig.spoken().contains(Phrases.call("A013", "3").text()));
        assertThat(rig.announcer.announcements()).containsExactly(Phrases.call("A012", "3"), Phrases.rateUs(),
                Phrases.call("A013", "3"));
    }

    @Test
    void voice_complete_asksForARatingAndGreetingOnStart() throws Exception {
        rig.answer(Operation.CALL_NEXT, calling("A012", T0.plusSeconds(60)));
        rig.answer(Operation.SERVICE_START, state(CounterStatus.SERVING, "A012", T0.plusSeconds(90)));
        rig.answer(Operation.SERVICE_COMPLETE, idle());

        rig.node.controller().callNext().get();
        rig.node.controller().start().get();
        rig.node.controller().complete().get();

        await().until(() -> rig.spoken().size() == 3);
        assertThat(rig.announcer.announcements()).containsExactly(Phrases.call("A012", "3"), Phrases.greeting(),
                Phrases.rateUs());
    }

    @Test
    void voice_callNextWithACustomerAtTheCounter_ratingThenTheNextCall() throws Exception {
        rig.answer(Operation.CALL_NEXT, calling("A012", T0.plusSeconds(60)));
        rig.node.controller().callNext().get();
        rig.answer(Operation.CALL_NEXT, calling("A013", T0.plusSeconds(400)));

        rig.node.controller().callNext().get();

        await().until(() -> rig.spoken().size() == 3);
        assertThat(rig.spoken()).containsExactly("请 A012 号到 3 号窗口", "请您对我的服务进行评价", "请 A013 号到 3 号窗口");
    }

    @Test
    void voice_recallWithTheStateUnchanged_callSaidAgain() throws Exception {
        rig.answer(Operation.CALL_NEXT, calling("A012", T0.plusSeconds(60)));
        rig.answer(Operation.CALL_RECALL, calling("A012", T0.plusSeconds(60)));

        rig.node.controller().callNext().get();
        rig.node.controller().recall().get();

        await().until(() -> rig.spoken().size() == 2);
        assertThat(rig.spoken()).containsExactly("请 A012 号到 3 号窗口", "请 A012 号到 3 号窗口");
    }

    @Test
    void offline_brokerCut_callNextRefusedManualNumberShownRecordedAndDeliveredOnRestore() throws Exception {
        rig.broker.cut();
        await().until(() -> !rig.node.controller().view().online());

        assertThat(rig.node.controller().callNext()).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class).havingCause().isInstanceOf(TellerException.class)
                .withMessageContaining("NOT_CONNECTED");
        rig.node.controller().manualCall("a021").get();

        await().until(() -> rig.display.text().equals("请 A021 号"));
        await().until(() -> rig.spoken().contains("请 A021 号到 3 号窗口"));
        assertThat(rig.runtime.outbox().size()).isEqualTo(1);
        assertThat(rig.server.events()).isEmpty();

        rig.broker.restore();
        await().atMost(Duration.ofSeconds(10)).until(() -> !rig.server.events().isEmpty());
        assertThat(rig.server.events().get(0).type()).isEqualTo(EventType.DISPLAY_MANUAL);
        assertThat(rig.server.body(rig.server.events().get(0), Bodies.ManualCall.class))
                .isEqualTo(new Bodies.ManualCall("c3", "A021"));
        await().until(() -> rig.runtime.outbox().size() == 0);

        rig.publish(calling("A013", T0.plusSeconds(500)));
        await().until(() -> rig.display.text().equals("请 A013 号"));
    }

    @Test
    void manualCall_serverOnline_refusedAndDisplayUnchanged() {
        assertThat(rig.node.controller().manualCall("A021")).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class).withMessageContaining("SERVER_ONLINE");
        assertThat(rig.display.text()).isEqualTo("欢迎光临");
    }

    @Test
    void noAnswer_timeoutThenRetrySameId_onlineAgainWithTheAnswer() throws Exception {
        rig.answer(Operation.CALL_NEXT, calling("A012", T0.plusSeconds(60)));
        rig.server.silent(true);

        assertThat(rig.node.controller().callNext()).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class).withMessageContaining("NO_ANSWER");
        assertThat(rig.node.controller().view().online()).isFalse();
        assertThat(rig.node.controller().view().connected()).isTrue();
        assertThat(rig.node.controller().callNext()).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class).withMessageContaining("NO_ANSWER");

        rig.server.silent(false);
        assertThat(rig.node.controller().retry().get().counter().ticket().number()).isEqualTo("A012");

        assertThat(rig.node.controller().view().online()).isTrue();
        assertThat(rig.requests(Operation.CALL_NEXT)).hasSize(2)
                .extracting(io.counterline.protocol.Request::id).containsOnly(rig.requests(Operation.CALL_NEXT).get(0).id());
    }

    @Test
    void busy_secondActionWhileTheFirstIsOut_refusedSoOnlyOneCustomerIsCalled() {
        rig.server.silent(true);
        var first = rig.node.controller().callNext();
        var second = rig.node.controller().callNext();

        assertThat(second).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("BUSY");
        await().until(first::isDone);
        assertThat(rig.requests(Operation.CALL_NEXT)).hasSize(1);
    }

    @Test
    void health_displayAndButtonReported_deviceHealthOk() {
        await().until(() -> rig.runtime.health().part("display").level() == HealthLevel.OK
                && rig.node.controller().view().health().level() == HealthLevel.OK);
    }
}
