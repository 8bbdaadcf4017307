package io.counterline.caller.screen;

import io.counterline.ui.Fonts;
import io.counterline.caller.CallerSettings;
import io.counterline.caller.teller.CounterView;
import io.counterline.caller.teller.TellerAction;
import io.counterline.caller.teller.TellerController;
import io.counterline.protocol.Bodies.TellerDay;
import io.counterline.protocol.CounterStatus;
import io.counterline.protocol.ErrorInfo;
import io.counterline.protocol.HealthLevel;
import io.counterline.protocol.RatingLevel;
import io.counterline.protocol.ServicesState.Service;
import io.counterline.protocol.TicketRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The teller's touchscreen (designed for 800×480): sign-in, the current ticket with its timer,
 * one button per action, waiting counts, the teller's day and errors in plain words; offline, a
 * banner and the manual number entry. A view on {@link TellerController}: every touch and
 * keypad key calls a controller action, and it draws each {@link CounterView} the controller
 * publishes, handed to the JavaFX thread here.
 *
 * <p>Nodes carry CSS ids for tests and styling: {@code #counterName}, {@code #teller},
 * {@code #offline}, {@code #recording}, {@code #retry}, {@code #signOut}, {@code #signIn}, {@code #tellerId},
 * {@code #pin}, {@code #signInButton}, {@code #ticketNumber}, {@code #ticketStatus},
 * {@code #ticketTime}, {@code #led}, {@code #callNext}, {@code #recall}, {@code #start},
 * {@code #complete}, {@code #noShow}, {@code #transfer}, {@code #pause}, {@code #manual},
 * {@code #manualNumber}, {@code #manualShow}, {@code #callNumber}, {@code #callTicket},
 * {@code #waiting-<service>}, {@code #day}, {@code #message}, {@code #notice}, {@code #health},
 * {@code #chooser}, {@code #choice1…}, {@code #chooserCancel}; {@code #order} opens the work-order
 * form ({@link OrderForm}); supervision notices are in {@link NoticeStrip}.
 */
public final class TellerScreen {
    private static final Logger log = LoggerFactory.getLogger(TellerScreen.class);

    /** One entry of a chooser. */
    private record Choice(String label, Runnable action) {
    }

    private final TellerController controller;
    private final CallerSettings settings;
    private final Clock clock;
    private final StackPane root = new StackPane();
    private final Label counterName = label("counterName", "counter-name");
    private final Label teller = label("teller", "teller");
    private final Label offline = label("offline", "offline");
    private final Label recording = label("recording", "recording");
    private final Button retry = button("retry", "重试 Retry", "small");
    private final Button signOut = button("signOut", "签退 Sign out", "small");
    private final TextField tellerId = new TextField();
    private final PasswordField pin = new PasswordField();
    private final Button signInButton = button("signInButton", "签到 Sign in", "action");
    private final VBox signIn = new VBox();
    private final Label ticketNumber = label("ticketNumber", "ticket-number");
    private final Label ticketStatus = label("ticketStatus", "ticket-status");
    private final Label ticketTime = label("ticketTime", "ticket-time");
    private final Label led = label("led", "led");
    private final Map<TellerAction, Button> actions = new EnumMap<>(TellerAction.class);
    private final HBox counterPane = new HBox();
    private final TextField manualNumber = new TextField();
    private final Button manualShow = button("manualShow", "显示 Show", "small");
    private final HBox manual = new HBox();
    private final TextField callNumber = new TextField();
    private final Button callTicket = button("callTicket", "叫此号 Call this number", "small");
    private final HBox callTicketRow = new HBox();
    private final FlowPane waiting = new FlowPane();
    private final Label day = label("day", "day");
    private final Label message = label("message", "message");
    private final Label notice = label("notice", "notice");
    private final Label health = label("health", "health");
    private final VBox chooser = new VBox();
    private final Button order = button("order", "工单 Work order", "small");
    private final OrderForm orderForm;
    private final NoticeStrip noticeStrip;
    private final Timeline timer;
    private CounterView view;
    private List<Choice> choices = List.of();

    public TellerScreen(TellerController controller, CallerSettings settings, Clock clock) {
        this.controller = controller;
        this.settings = settings;
        this.clock = clock;
        this.orderForm = new OrderForm(controller);
        this.noticeStrip = new NoticeStrip(controller.notices());
        BorderPane main = new BorderPane(centre(), header(), null, footer(), null);
        main.getStyleClass().add("main");
        chooser.setId("chooser");
        chooser.getStyleClass().add("chooser");
        chooser.setVisible(false);
        chooser.setMaxSize(420, Region.USE_PREF_SIZE);
        StackPane.setAlignment(chooser, Pos.CENTER);
        root.getChildren().addAll(main, chooser, orderForm.root());
        root.getStyleClass().add("caller");
        String family = Fonts.family(Font.getFamilies());
        log.info("Teller screen font family: {}", family);
        root.setStyle("-fx-font-family: \"" + family + "\";");
        root.getStylesheets().add(TellerScreen.class.getResource("caller.css").toExternalForm());
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        timer = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> tick()));
        timer.setCycleCount(Timeline.INDEFINITE);
        controller.subscribe(v -> Platform.runLater(() -> render(v)));
    }

    /** The node to put in the scene. */
    public Parent root() {
        return root;
    }

    /** Starts the ticket timer; call on the JavaFX thread. */
    public void start() {
        timer.play();
    }

    /** Stops the ticket timer; call on the JavaFX thread. */
    public void stop() {
        timer.stop();
    }

    private Node header() {
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        retry.setOnAction(e -> controller.retry());
        signOut.setOnAction(e -> controller.signOut());
        recording.setText("● 录音中 Recording");
        order.setOnAction(e -> openOrderForm());
        for (Node n : List.of(recording, offline, retry, order, signOut)) {
            n.managedProperty().bind(n.visibleProperty());
        }
        HBox header = new HBox(counterName, teller, gap, recording, offline, retry, order, signOut);
        header.getStyleClass().add("header");
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private Node centre() {
        tellerId.setId("tellerId");
        tellerId.setPromptText("柜员号 Teller id");
        pin.setId("pin");
        pin.setPromptText("密码 PIN");
        tellerId.setOnAction(e -> pin.requestFocus());
        pin.setOnAction(e -> signInNow());
        signInButton.setOnAction(e -> signInNow());
        signIn.setId("signIn");
        signIn.getStyleClass().add("sign-in");
        signIn.setAlignment(Pos.CENTER);
        signIn.getChildren().addAll(label(null, "caption", "柜员签到 Teller sign-in"), tellerId, pin, signInButton);

        VBox ticket = new VBox(label(null, "caption", "当前 Current"), ticketNumber, ticketStatus, ticketTime, led);
        ticket.getStyleClass().add("ticket");
        ticket.setAlignment(Pos.TOP_CENTER);
        counterPane.getChildren().addAll(ticket, actionGrid());
        counterPane.getStyleClass().add("counter");
        HBox.setHgrow(counterPane.getChildren().get(1), Priority.ALWAYS);

        numberRow(manual, "manual", "手动叫号 Manual", manualNumber, "manualNumber", manualShow, this::manualNow);
        // Online, the same place calls one waiting number out of turn (call.ticket).
        numberRow(callTicketRow, "callTicketRow", "指定叫号 Call a number", callNumber, "callNumber", callTicket,
                this::callTicketNow);
        signIn.managedProperty().bind(signIn.visibleProperty());
        counterPane.managedProperty().bind(counterPane.visibleProperty());
        VBox.setVgrow(counterPane, Priority.ALWAYS);
        VBox.setVgrow(signIn, Priority.ALWAYS);
        return new VBox(signIn, counterPane, manual, callTicketRow);
    }

    /** A row where a number is typed and sent: the manual number offline, call-this-number online. */
    private static void numberRow(HBox row, String id, String caption, TextField number, String numberId, Button go,
                                  Runnable send) {
        number.setId(numberId);
        number.setPromptText("号码 Number, e.g. A012");
        number.setOnAction(e -> send.run());
        go.setOnAction(e -> send.run());
        row.setId(id);
        row.getStyleClass().add("manual");
        row.setAlignment(Pos.CENTER_LEFT);
        row.getChildren().addAll(label(null, "caption", caption), number, go);
        row.managedProperty().bind(row.visibleProperty());
    }

    private Node actionGrid() {
        Button callNext = action(TellerAction.CALL_NEXT, "callNext", "叫号 Call next", controller::callNext);
        callNext.getStyleClass().add("call-next");
        action(TellerAction.RECALL, "recall", "重呼 Recall", controller::recall);
        action(TellerAction.START, "start", "开始 Start", controller::start);
        action(TellerAction.COMPLETE, "complete", "完成 Complete", controller::complete);
        action(TellerAction.NO_SHOW, "noShow", "未到 No-show", controller::noShow);
        action(TellerAction.TRANSFER, "transfer", "转移 Transfer", this::chooseTransfer);
        action(TellerAction.PAUSE, "pause", "暂停 Pause", this::pauseOrResume);
        GridPane grid = new GridPane();
        grid.getStyleClass().add("actions");
        ColumnConstraints third = new ColumnConstraints();
        third.setPercentWidth(100.0 / 3);
        grid.getColumnConstraints().setAll(third, third, third);
        grid.add(callNext, 0, 0, 3, 1);
        List<TellerAction> small = List.of(TellerAction.RECALL, TellerAction.START, TellerAction.COMPLETE,
                TellerAction.NO_SHOW, TellerAction.TRANSFER, TellerAction.PAUSE);
        for (int i = 0; i < small.size(); i++) {
            grid.add(actions.get(small.get(i)), i % 3, 1 + i / 3);
        }
        return grid;
    }

    private Button action(TellerAction action, String id, String text, Runnable run) {
        Button b = button(id, text, "action");
        b.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        GridPane.setHgrow(b, Priority.ALWAYS);
        GridPane.setVgrow(b, Priority.ALWAYS);
        b.setOnAction(e -> run.run());
        actions.put(action, b);
        return b;
    }

    private Node footer() {
        waiting.setId("waiting");
        waiting.getStyleClass().add("waiting");
        message.managedProperty().bind(message.visibleProperty());
        notice.managedProperty().bind(notice.visibleProperty());
        health.managedProperty().bind(health.visibleProperty());
        VBox footer = new VBox(waiting, day, message, notice, health, noticeStrip.root());
        footer.getStyleClass().add("footer");
        return footer;
    }

    private void signInNow() {
        controller.signIn(tellerId.getText(), pin.getText());
        pin.clear();
    }

    private void manualNow() {
        controller.manualCall(manualNumber.getText());
    }

    private void callTicketNow() {
        controller.callTicket(callNumber.getText()).thenRun(() -> Platform.runLater(callNumber::clear));
    }

    private void openOrderForm() {
        if (view != null && view.signedIn()) {
            closeChooser();
            orderForm.open(view);
        }
    }

    private void pauseOrResume() {
        if (view != null && view.status() == CounterStatus.PAUSED) {
            controller.resume();
            return;
        }
        List<Choice> reasons = settings.pauseReasons().stream()
                .map(r -> new Choice(r.label(), () -> controller.pause(r.zh()))).toList();
        openChooser("暂停原因 Pause reason", reasons);
    }

    private void chooseTransfer() {
        List<Choice> targets = new ArrayList<>();
        for (Service s : view.services()) {
            targets.add(new Choice("→ " + s.nameZh() + " " + s.nameEn(), () -> controller.transferToService(s.id())));
        }
        view.otherCounters().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(c -> targets.add(
                new Choice("→ " + c.getValue(), () -> controller.transferToCounter(c.getKey()))));
        openChooser("转移到 Transfer to", targets);
    }

    private void openChooser(String title, List<Choice> entries) {
        choices = entries;
        List<Node> nodes = new ArrayList<>();
        nodes.add(label(null, "caption", title));
        for (int i = 0; i < entries.size(); i++) {
            Choice c = entries.get(i);
            Button b = button("choice" + (i + 1), (i < 9 ? (i + 1) + "  " : "") + c.label(), "choice");
            b.setMaxWidth(Double.MAX_VALUE);
            b.setOnAction(e -> pick(c));
            nodes.add(b);
        }
        Button cancel = button("chooserCancel", "取消 Cancel", "choice");
        cancel.setMaxWidth(Double.MAX_VALUE);
        cancel.setOnAction(e -> closeChooser());
        nodes.add(cancel);
        chooser.getChildren().setAll(nodes);
        chooser.setVisible(true);
    }

    private void pick(Choice c) {
        closeChooser();
        c.action().run();
    }

    private void closeChooser() {
        chooser.setVisible(false);
        choices = List.of();
    }

    private void key(KeyEvent e) {
        if (orderForm.isOpen()) {
            orderForm.key(e);
            return;
        }
        if (chooser.isVisible()) {
            OptionalInt n = Keypad.choice(e.getCode());
            if (n.isPresent() && n.getAsInt() <= choices.size()) {
                pick(choices.get(n.getAsInt() - 1));
            } else if (Keypad.cancels(e.getCode())) {
                closeChooser();
            }
            e.consume();
            return;
        }
        if (e.getTarget() instanceof TextInputControl || view == null) {
            return; // typing a teller id, PIN or manual number
        }
        if (Keypad.opensOrderForm(e.getCode())) {
            e.consume();
            openOrderForm();
            return;
        }
        Keypad.action(e.getCode()).ifPresent(a -> {
            e.consume();
            Button b = actions.get(a);
            if (!b.isDisabled()) {
                b.fire();
            }
        });
    }

    private void render(CounterView v) {
        view = v;
        counterName.setText(v.counter() == null ? settings.counter() : v.counter().nameZh());
        teller.setText(v.teller() == null ? "未签到 Not signed in" : v.teller().name() + " " + v.teller().employeeNo());
        recording.setVisible(v.recording());
        offline.setVisible(!v.online());
        offline.setText(!v.connected() ? "未连接服务器 Server not reachable" : "服务器无应答 Server not answering");
        retry.setVisible(v.connected() && !v.serverAnswers());
        signOut.setVisible(v.signedIn());
        order.setVisible(v.signedIn());
        orderForm.render(v);
        signOut.setDisable(!v.allows(TellerAction.SIGN_OUT));
        signIn.setVisible(!v.signedIn());
        signInButton.setDisable(!v.allows(TellerAction.SIGN_IN));
        counterPane.setVisible(v.signedIn());
        actions.forEach((a, b) -> b.setDisable(!v.allows(a)));
        boolean paused = v.status() == CounterStatus.PAUSED;
        actions.get(TellerAction.PAUSE).setText(paused ? "恢复 Resume" : "暂停 Pause");
        actions.get(TellerAction.PAUSE).setDisable(!v.allows(paused ? TellerAction.RESUME : TellerAction.PAUSE));
        manual.setVisible(v.allows(TellerAction.MANUAL_CALL));
        callTicketRow.setVisible(v.signedIn() && v.online());
        callTicket.setDisable(!v.allows(TellerAction.CALL_TICKET));
        TicketRef t = v.ticket();
        ticketNumber.setText(t == null ? "—" : t.number());
        ticketStatus.setText(statusText(v));
        led.setText("LED: " + v.display().text(settings.display().idleText()));
        waiting.getChildren().setAll(v.waiting().stream().map(TellerScreen::waitingLabel).toList());
        day.setText(dayText(v.day()));
        ErrorInfo error = v.error();
        message.setVisible(error != null);
        message.setText(error == null ? "" : error.messageZh() + "  " + error.message());
        notice.setVisible(error == null && v.notice() != null);
        notice.setText(v.notice() == null ? "" : v.notice());
        health.setVisible(v.health().level() != HealthLevel.OK && v.online());
        health.setText(v.health().reason());
        if (!v.signedIn() || v.busy()) {
            closeChooser();
        }
        if (v.signedIn() && (tellerId.isFocused() || pin.isFocused())) {
            root.requestFocus(); // the keypad drives the counter now, not the hidden sign-in fields
        }
        tick();
    }

    private void tick() {
        ticketTime.setText(view == null ? "" : timeText(view, clock.instant()));
    }

    private String statusText(CounterView v) {
        return switch (v.status()) {
            case CALLING -> "呼叫中 Calling";
            case SERVING -> "办理中 Serving";
            case PAUSED -> "暂停 Paused" + (v.counter().pauseReason() == null ? "" : ": " + reasonLabel(v.counter().pauseReason()));
            case IDLE -> "空闲 Idle";
            case CLOSED -> "未开放 Closed";
        };
    }

    /** The configured reason's words in both languages; a reason given elsewhere as it came. */
    private String reasonLabel(String reason) {
        return settings.pauseReasons().stream().filter(r -> r.zh().equals(reason)).findFirst()
                .map(CallerSettings.PauseReason::label).orElse(reason);
    }

    /** Calling: how long the customer has waited since the slip; serving: how long service has taken. */
    static String timeText(CounterView v, Instant now) {
        TicketRef t = v.ticket();
        if (t == null) {
            return "";
        }
        return v.status() == CounterStatus.SERVING
                ? "办理 " + minutes(Duration.between(v.counter().since(), now)) + " serving"
                : "已等候 " + minutes(Duration.between(t.issuedAt(), now)) + " waited";
    }

    static String dayText(TellerDay d) {
        if (d == null) {
            return "今日 Today: —";
        }
        String ratings = Arrays.stream(RatingLevel.values())
                .map(l -> l.label() + " " + d.ratings().getOrDefault(l, 0)).collect(Collectors.joining("  "));
        return "今日已办 Served " + d.served() + "   平均 Avg " + minutes(Duration.ofSeconds(d.averageServiceSeconds()))
                + "   " + ratings;
    }

    private static String minutes(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return String.format("%d:%02d", s / 60, s % 60);
    }

    private static Node waitingLabel(Service s) {
        Label l = label("waiting-" + s.id(), "waiting-count",
                s.prefix() + " " + s.nameZh() + " " + (s.open() ? "等候 " + s.waiting() : "暂停 closed"));
        return l;
    }

    private static Label label(String id, String styleClass) {
        return label(id, styleClass, "");
    }

    private static Label label(String id, String styleClass, String text) {
        Label l = new Label(text);
        l.setId(id);
        l.getStyleClass().add(styleClass);
        return l;
    }

    private static Button button(String id, String text, String styleClass) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add(styleClass);
        b.setFocusTraversable(false); // keys belong to the keypad map, not to the focused button
        return b;
    }
}
