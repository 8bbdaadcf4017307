package io.counterline.caller.screen;

import static io.counterline.caller.CallerRig.T0;
import static io.counterline.caller.CallerRig.calling;
import static io.counterline.caller.CallerRig.closed;
import static io.counterline.caller.CallerRig.service;
import static io.counterline.caller.CallerRig.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.caller.CallerRig;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.Bodies.TellerDay;
import io.counterline.protocol.CounterState;
import io.counterline.protocol.CounterStatus;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Operation;
import io.counterline.protocol.RatingLevel;
import io.counterline.protocol.Request;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** The teller screen on a headless (Monocle) stage, against a scripted server. */
@ExtendWith(ApplicationExtension.class)
class TellerScreenTest {
    /** One minute after A012 was called; its slip was printed five minutes before T0. */
    private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private CallerRig rig;
    private TellerScreen screen;

    @Start
    void start(Stage stage) throws Exception {
        rig = new CallerRig(dir);
        screen = new TellerScreen(rig.node.controller(), rig.settings, CLOCK);
        stage.setScene(new Scene(screen.root(), 800, 480));
        stage.sizeToScene();
        screen.start();
        stage.show();
    }

    @Stop
    void stop() {
        screen.stop();
        rig.close();
    }

    @Test
    void signIn_wrongPin_showsTheServersWordsAndSendsTheFields(FxRobot robot) {
        rig.publish(closed());
        rig.refuse(Operation.TELLER_SIGN_IN, "BAD_PIN", "Wrong PIN.", "密码错误");
        awaitFx(() -> robot.lookup("#signIn").query().isVisible());

        robot.clickOn("#tellerId").write("t01");
        robot.clickOn("#pin").write("9999");
        robot.clickOn("#signInButton");

        awaitText(robot, "#message", "密码错误  Wrong PIN.");
        Request r = rig.requests(Operation.TELLER_SIGN_IN).get(0);
        assertThat(rig.server.args(r, Bodies.SignIn.class)).isEqualTo(new Bodies.SignIn("t01", "9999"));
        assertThat(robot.lookup("#signIn").query().isVisible()).isTrue();
    }

    @Test
    void signIn_rightPin_counterShownWithTheTellersDay(FxRobot robot) {
        signInAsT01(robot);

        awaitFx(() -> robot.lookup("#callNext").query().isVisible());
        awaitText(robot, "#teller", "王芳 E1001");
        awaitText(robot, "#day", "今日已办 Served 23   平均 Avg 4:12   非常满意 10  满意 3  一般 1  不满意 0");
        assertThat(robot.lookup("#signIn").query().isVisible()).isFalse();
    }

    @Test
    void tellerDayPushed_afterARating_showsTheNewCountsWithoutAnyAction(FxRobot robot) {
        signInAsT01(robot);
        awaitText(robot, "#day", "今日已办 Served 23   平均 Avg 4:12   非常满意 10  满意 3  一般 1  不满意 0");

        rig.pushDay("t01", new TellerDay(23, 252, Map.of(RatingLevel.VERY_SATISFIED, 11,
                RatingLevel.SATISFIED, 3, RatingLevel.AVERAGE, 1)));

        awaitText(robot, "#day", "今日已办 Served 23   平均 Avg 4:12   非常满意 11  满意 3  一般 1  不满意 0");
        // Only the sign-in: the clock read every device sends on connecting is not an action.
        assertThat(rig.server.requests()).filteredOn(r -> r.op() != Operation.CLOCK_READ)
                .as("no action asked for it").hasSize(1);
    }

    @Test
    void actionButtons_eachTouched_requestTheirOperationWithTheirArgs(FxRobot robot) {
        CounterState a012 = calling("A012", T0);
        for (Operation op : List.of(Operation.CALL_NEXT, Operation.CALL_RECALL, Operation.SERVICE_START,
                Operation.SERVICE_COMPLETE, Operation.TICKET_NO_SHOW, Operation.TICKET_TRANSFER)) {
            rig.answer(op, a012);
        }
        rig.answer(Operation.COUNTER_PAUSE, state(CounterStatus.PAUSED, null, T0));
        rig.answer(Operation.COUNTER_RESUME, a012);
        rig.publish(new CounterState(MessageCodec.VERSION, "c5", "5号窗口", "Counter 5", CounterStatus.IDLE, null,
                CallerRig.TELLER, null, T0));
        rig.publishServices(service("A", "个人业务", "Personal", 5), service("B", "对公业务", "Business", 2));
        rig.publish(a012);
        awaitFx(() -> !button(robot, "#recall").isDisabled());

        click(robot, "#callNext", Operation.CALL_NEXT, new Bodies.None());
        click(robot, "#recall", Operation.CALL_RECALL, new Bodies.None());
        click(robot, "#start", Operation.SERVICE_START, new Bodies.None());
        click(robot, "#complete", Operation.SERVICE_COMPLETE, new Bodies.None());
        click(robot, "#noShow", Operation.TICKET_NO_SHOW, new Bodies.None());

        robot.clickOn("#transfer");
        awaitText(robot, "#choice2", "2  → 对公业务 Business");
        click(robot, "#choice2", Operation.TICKET_TRANSFER, new Bodies.Transfer("B", null));
        robot.clickOn("#transfer");
        awaitText(robot, "#choice3", "3  → 5号窗口");
        click(robot, "#choice3", Operation.TICKET_TRANSFER, new Bodies.Transfer(null, "c5"));

        robot.clickOn("#pause");
        awaitText(robot, "#choice2", "2  会议 Meeting");
        click(robot, "#choice2", Operation.COUNTER_PAUSE, new Bodies.Pause("会议"));
        awaitText(robot, "#pause", "恢复 Resume");
        awaitFx(() -> button(robot, "#callNext").isDisabled());
        click(robot, "#pause", Operation.COUNTER_RESUME, new Bodies.None());
    }

    @Test
    void keypad_eachKey_requestsItsOperation(FxRobot robot) {
        CounterState a012 = calling("A012", T0);
        for (Operation op : Operation.values()) {
            rig.answer(op, a012);
        }
        rig.answer(Operation.COUNTER_PAUSE, state(CounterStatus.PAUSED, null, T0));
        rig.publishServices(service("A", "个人业务", "Personal", 5), service("B", "对公业务", "Business", 2));
        rig.publish(a012);
        awaitFx(() -> !button(robot, "#recall").isDisabled());

        key(robot, KeyCode.ENTER, Operation.CALL_NEXT, new Bodies.None());
        key(robot, KeyCode.ADD, Operation.CALL_NEXT, new Bodies.None());
        key(robot, KeyCode.DECIMAL, Operation.CALL_RECALL, new Bodies.None());
        key(robot, KeyCode.MULTIPLY, Operation.SERVICE_START, new Bodies.None());
        key(robot, KeyCode.DIVIDE, Operation.SERVICE_COMPLETE, new Bodies.None());
        key(robot, KeyCode.SUBTRACT, Operation.TICKET_NO_SHOW, new Bodies.None());
        robot.type(KeyCode.NUMPAD9);
        awaitFx(() -> robot.lookup("#chooser").query().isVisible());
        key(robot, KeyCode.NUMPAD1, Operation.TICKET_TRANSFER, new Bodies.Transfer("A", null));
        robot.type(KeyCode.NUMPAD0);
        awaitFx(() -> robot.lookup("#chooser").query().isVisible());
        robot.type(KeyCode.ESCAPE);
        awaitFx(() -> !robot.lookup("#chooser").query().isVisible());
        robot.type(KeyCode.NUMPAD0);
        key(robot, KeyCode.NUMPAD3, Operation.COUNTER_PAUSE, new Bodies.Pause("系统维护"));
        awaitText(robot, "#pause", "恢复 Resume");
        key(robot, KeyCode.NUMPAD0, Operation.COUNTER_RESUME, new Bodies.None());
    }

    @Test
    void errorAnswers_everyAction_showTheServersPlainWords(FxRobot robot) {
        rig.publish(calling("A012", T0));
        awaitFx(() -> !button(robot, "#recall").isDisabled());
        record Case(String button, Operation op, String code, String en, String zh) {
        }
        List<Case> cases = List.of(
                new Case("#callNext", Operation.CALL_NEXT, "NO_TICKET_WAITING", "No one is waiting.", "没有等候的客户"),
                new Case("#recall", Operation.CALL_RECALL, "RECALL_LIMIT", "Recalled too often.", "重呼次数已达上限"),
                new Case("#start", Operation.SERVICE_START, "WRONG_STATE", "Not now.", "当前状态不能开始"),
                new Case("#complete", Operation.SERVICE_COMPLETE, "NO_CURRENT_TICKET", "No ticket.", "没有当前客户"),
                new Case("#noShow", Operation.TICKET_NO_SHOW, "NOT_SERVED_HERE", "Not here.", "该号不在本窗口"),
                new Case("#signOut", Operation.TELLER_SIGN_OUT, "FINISH_CURRENT_FIRST", "Finish first.",
                        "请先办结当前客户"));
        for (Case c : cases) {
            rig.refuse(c.op(), c.code(), c.en(), c.zh());
            robot.clickOn(c.button());
            awaitText(robot, "#message", c.zh() + "  " + c.en());
        }
        rig.refuse(Operation.COUNTER_PAUSE, "FINISH_CURRENT_FIRST", "Finish the current customer first.",
                "请先办结当前客户再暂停");
        robot.clickOn("#pause").clickOn("#choice1");
        awaitText(robot, "#message", "请先办结当前客户再暂停  Finish the current customer first.");
        rig.refuse(Operation.TICKET_TRANSFER, "UNKNOWN_TICKET", "Unknown ticket.", "无此号码");
        rig.publishServices(service("A", "个人业务", "Personal", 5));
        robot.clickOn("#transfer");
        awaitFx(() -> robot.lookup("#choice1").tryQuery().isPresent());
        robot.clickOn("#choice1");
        awaitText(robot, "#message", "无此号码  Unknown ticket.");
    }

    @Test
    void status_calledTicketServicesAndDay_shownAtAGlance(FxRobot robot) {
        rig.answer(Operation.CALL_NEXT, calling("A012", T0));
        rig.publishServices(service("A", "个人业务", "Personal", 5), service("B", "对公业务", "Business", 2),
                service("C", "外汇", "Foreign exchange", 9));
        rig.publish(CallerRig.idle());
        awaitFx(() -> !button(robot, "#callNext").isDisabled());

        robot.clickOn("#callNext");

        awaitText(robot, "#ticketNumber", "A012");
        awaitText(robot, "#ticketStatus", "呼叫中 Calling");
        awaitText(robot, "#ticketTime", "已等候 6:00 waited");
        awaitText(robot, "#led", "LED: 请 A012 号");
        awaitText(robot, "#waiting-A", "A 个人业务 等候 5");
        awaitText(robot, "#waiting-B", "B 对公业务 等候 2");
        assertThat(robot.lookup("#waiting-C").tryQuery()).as("not this counter's service").isEmpty();
        awaitText(robot, "#day", "今日已办 Served 23   平均 Avg 4:12   非常满意 10  满意 3  一般 1  不满意 0");
        assertThat(robot.lookup("#message").query().isVisible()).isFalse();
    }

    @Test
    void offline_brokerCut_bannerCallNextDisabledAndManualNumberShown(FxRobot robot) {
        rig.publish(calling("A012", T0));
        awaitFx(() -> !button(robot, "#callNext").isDisabled());
        assertThat(robot.lookup("#offline").query().isVisible()).isFalse();

        rig.broker.cut();

        awaitFx(() -> robot.lookup("#offline").query().isVisible());
        awaitText(robot, "#offline", "未连接服务器 Server not reachable");
        assertThat(button(robot, "#callNext").isDisabled()).isTrue();
        robot.clickOn("#manualNumber").write("A021");
        robot.clickOn("#manualShow");
        awaitText(robot, "#led", "LED: 请 A021 号");
        await().until(() -> rig.display.text().equals("请 A021 号"));

        rig.broker.restore();
        awaitFx(() -> !robot.lookup("#offline").query().isVisible());
        awaitFx(() -> !robot.lookup("#manual").query().isVisible() && !button(robot, "#callNext").isDisabled());
    }

    @Test
    void transfer_onlyToCountersWithATellerAndConfirmedAfterwards(FxRobot robot) {
        rig.answer(Operation.TICKET_TRANSFER, CallerRig.idle());
        rig.publish(new CounterState(MessageCodec.VERSION, "c5", "5号窗口", "Counter 5", CounterStatus.IDLE, null,
                CallerRig.TELLER, null, T0));
        rig.publish(new CounterState(MessageCodec.VERSION, "c6", "6号窗口", "Counter 6", CounterStatus.CLOSED, null,
                null, null, T0));
        rig.publishServices(service("A", "个人业务", "Personal", 5));
        rig.publish(calling("A012", T0));
        awaitClickable(robot, "#transfer");

        robot.clickOn("#transfer");
        awaitText(robot, "#choice2", "2  → 5号窗口");
        assertThat(robot.lookup("#choice3").tryQuery()).as("counter 6 has nobody signed in").isEmpty();
        click(robot, "#choice2", Operation.TICKET_TRANSFER, new Bodies.Transfer(null, "c5"));

        awaitFx(() -> robot.lookup("#notice").query().isVisible());
        awaitText(robot, "#notice", "已转移 A012 → 5号窗口  Transferred A012 to 5号窗口");

        // The teller at counter 5 signs out: no longer offered.
        rig.publish(new CounterState(MessageCodec.VERSION, "c5", "5号窗口", "Counter 5", CounterStatus.CLOSED, null,
                null, null, T0));
        rig.publish(calling("A013", T0));
        await().until(() -> rig.node.controller().view().otherCounters().isEmpty());
        awaitClickable(robot, "#transfer");
        robot.clickOn("#transfer");
        awaitText(robot, "#choice1", "1  → 个人业务 Personal");
        assertThat(robot.lookup("#choice2").tryQuery()).isEmpty();
    }

    @Test
    void callThisNumber_typedNumber_sentAsCallTicket(FxRobot robot) {
        rig.answer(Operation.CALL_TICKET, calling("B007", T0));
        rig.publish(CallerRig.idle());
        awaitClickable(robot, "#callTicket");

        robot.clickOn("#callNumber").write("b007");
        click(robot, "#callTicket", Operation.CALL_TICKET, new Bodies.CallTicket("B007"));

        awaitText(robot, "#ticketNumber", "B007");
        robot.clickOn("#callNumber").write("A-1");
        robot.clickOn("#callTicket");
        awaitText(robot, "#message", "号码应为 1 至 8 位字母或数字，如 A012  A number is 1 to 8 letters and digits, e.g. A012.");
        assertThat(rig.requests(Operation.CALL_TICKET)).hasSize(1);
    }

    @Test
    void workOrder_touched_sendsCategoryNoteAndContact_andShowsTheOrdersNumber(FxRobot robot) {
        signInAsT01(robot);
        rig.answer(Operation.CALL_NEXT, calling("A012", T0));
        awaitClickable(robot, "#callNext");
        click(robot, "#callNext", Operation.CALL_NEXT, new Bodies.None());
        java.time.Instant due = T0.plus(java.time.Duration.ofDays(2));
        rig.server.on(Operation.ORDER_CREATE, r -> rig.server.ok(r, new Bodies.OrderCreated(12, "complaint", due, "A012")));

        robot.clickOn("#order");
        awaitText(robot, "#orderTicket", "登记工单 Work order — 当前 current A012");
        assertThat(robot.lookup("#orderDictate").query().isVisible()).as("no recording here, no dictation").isFalse();
        robot.clickOn("#orderSubmit");
        awaitText(robot, "#orderError", "请先选择类别（1–4）  Pick a category first (1–4)");
        assertThat(rig.requests(Operation.ORDER_CREATE)).as("nothing sent without a category").isEmpty();
        robot.clickOn("#category-complaint");
        robot.clickOn("#orderNote").write("Waited 40 minutes");
        robot.clickOn("#orderContact").write("138-0000-0000");
        click(robot, "#orderSubmit", Operation.ORDER_CREATE,
                new Bodies.NewOrder("complaint", "Waited 40 minutes", "138-0000-0000"));

        awaitFx(() -> !robot.lookup("#orderForm").query().isVisible());
        awaitFx(() -> ((Label) robot.lookup("#notice").query()).getText().startsWith("已登记工单 #12 投诉 A012，期限 "));
        assertThat(((Label) robot.lookup("#notice").query()).getText()).contains("Work order #12 registered, due ");
    }

    @Test
    void workOrder_byKeypad_refusalKeepsWhatWasTyped_andEnterDoesNotCallNextBehindTheForm(FxRobot robot) {
        signInAsT01(robot);
        awaitClickable(robot, "#callNext");
        rig.refuse(Operation.ORDER_CREATE, "BAD_ARGS", "The request is not understood", "请求无法识别");

        robot.type(KeyCode.DIGIT8);
        awaitFx(() -> robot.lookup("#orderForm").query().isVisible());
        robot.type(KeyCode.ENTER); // registers (nothing picked yet), does not call the next customer
        awaitText(robot, "#orderError", "请先选择类别（1–4）  Pick a category first (1–4)");
        robot.type(KeyCode.DIGIT2); // consultation; the note takes the focus
        robot.write("Which papers for an account?");
        int before = rig.requests(Operation.ORDER_CREATE).size();
        robot.press(KeyCode.CONTROL).type(KeyCode.ENTER).release(KeyCode.CONTROL);
        expect(Operation.ORDER_CREATE, new Bodies.NewOrder("consultation", "Which papers for an account?", null), before);

        awaitText(robot, "#orderError", "请求无法识别  The request is not understood");
        assertThat(robot.lookup("#orderForm").query().isVisible()).isTrue();
        assertThat(robot.lookup("#orderNote").queryAs(javafx.scene.control.TextArea.class).getText())
                .isEqualTo("Which papers for an account?");
        robot.clickOn("#orderCancel");
        robot.type(KeyCode.ESCAPE);
        awaitFx(() -> !robot.lookup("#orderForm").query().isVisible());
        assertThat(rig.requests(Operation.CALL_NEXT)).as("keys went to the form, not to the counter").isEmpty();
    }

    @Test
    void supervisionNotices_shownAtTheFoot_withoutStoppingCalling_andDismissed(FxRobot robot) {
        signInAsT01(robot);
        rig.answer(Operation.CALL_NEXT, calling("A013", T0));
        awaitClickable(robot, "#callNext");
        java.time.Instant due = T0.plusSeconds(3600);
        pushNotice(new Bodies.SupervisionNotice(7, "notice", "complaint", due, 0));
        pushNotice(new Bodies.SupervisionNotice(8, "reminder", "consultation", due, 4));

        awaitFx(() -> robot.lookup("#notice-8").tryQuery().isPresent());
        String seven = ((Label) robot.lookup("#notice-7").query()).getText();
        assertThat(seven).startsWith("督办 Overdue  #7 投诉 Complaint  期限 Due ");
        assertThat(((Label) robot.lookup("#notice-8").query()).getText()).startsWith("催办 Due soon  #8 咨询 Question")
                .endsWith("另有 4 条见控制台 / 4 more in the console");
        assertThat(rig.spoken()).as("a notice says nothing aloud").isEmpty();
        key(robot, KeyCode.ENTER, Operation.CALL_NEXT, new Bodies.None());

        robot.clickOn("#dismiss-7");
        awaitFx(() -> robot.lookup("#notice-7").tryQuery().isEmpty());
        assertThat(robot.lookup("#notice-8").tryQuery()).isPresent();
    }

    private void pushNotice(Bodies.SupervisionNotice n) {
        rig.server.command(new io.counterline.protocol.Command(MessageCodec.VERSION, java.util.UUID.randomUUID().toString(),
                "caller-3", io.counterline.protocol.CommandType.SUPERVISION_NOTICE, T0, new MessageCodec().toBody(n)));
    }

    private void click(FxRobot robot, String query, Operation op, Object args) {
        int before = rig.requests(op).size();
        robot.clickOn(query);
        expect(op, args, before);
    }

    private void key(FxRobot robot, KeyCode key, Operation op, Object args) {
        int before = rig.requests(op).size();
        robot.type(key);
        expect(op, args, before);
    }

    private void expect(Operation op, Object args, int before) {
        await().until(() -> rig.requests(op).size() == before + 1);
        Request r = rig.requests(op).get(before);
        assertThat(rig.server.args(r, args.getClass())).isEqualTo(args);
        await().until(() -> !rig.node.controller().view().busy());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Button button(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Button.class);
    }

    /** t01 signs in with the right PIN at the closed counter; the server answers with it idle. */
    private void signInAsT01(FxRobot robot) {
        rig.publish(closed());
        rig.answer(Operation.TELLER_SIGN_IN, CallerRig.idle());
        awaitFx(() -> robot.lookup("#signIn").query().isVisible());
        robot.clickOn("#tellerId").write("t01");
        robot.clickOn("#pin").write("1234").type(KeyCode.ENTER);
    }

    static void awaitText(FxRobot robot, String query, String expected) {
        await().untilAsserted(() -> assertThat(WaitForAsyncUtils.asyncFx(() -> {
            Node n = robot.lookup(query).query();
            return n instanceof Label l ? l.getText() : ((Button) n).getText();
        }).get()).isEqualTo(expected));
    }

    /**
     * Enabled, shown and laid out inside the scene, as TestFX needs to click it (a pane just made
     * visible has no place until the next layout pulse).
     */
    private static void awaitClickable(FxRobot robot, String query) {
        await().until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return WaitForAsyncUtils.asyncFx(() -> {
                Button b = button(robot, query);
                boolean shown = true;
                for (Node n = b; n != null; n = n.getParent()) {
                    shown &= n.isVisible();
                }
                Scene scene = b.getScene();
                return shown && !b.isDisabled() && b.localToScene(b.getBoundsInLocal())
                        .intersects(0, 0, scene.getWidth(), scene.getHeight());
            }).get();
        });
    }

    static void awaitFx(Callable<Boolean> check) {
        await().until(() -> WaitForAsyncUtils.asyncFx(check).get());
    }
}
