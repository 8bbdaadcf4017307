package io.counterline.hall.screen;

import io.counterline.ui.Fonts;
import io.counterline.hall.HallSettings;
import io.counterline.hall.board.BoardSnapshot;
import io.counterline.hall.board.HallBoard;
import io.counterline.hall.signage.ContentFolder;
import io.counterline.protocol.CallsState.Call;
import io.counterline.protocol.ServicesState.Service;
import io.counterline.protocol.WaitTime;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.media.MediaView;
import javafx.scene.text.Font;
import javafx.scene.transform.Scale;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hall screen: a fixed 1920×1080 design scaled uniformly (letterboxed) to whatever the
 * display is, so a 1366×768 TV shows the same layout as a 1080p one.
 *
 * <p>It renders {@link BoardSnapshot}s from the board; a snapshot may arrive on any thread and is
 * handed to the JavaFX thread here. Nodes the tests look up carry CSS ids: {@code #currentCall},
 * {@code #currentNumber}, {@code #currentCounter}, {@code #alsoCalling0…} (other counters still
 * calling, beside the newest, with {@code #alsoCallingNumber0…}, {@code #alsoCallingCounter0…}),
 * {@code #nowCalling} (the row of them), {@code #previousCall0…}, {@code #service-<id>},
 * {@code #branchName}, {@code #clock}, {@code #date}, {@code #connectionLost}, {@code #ticker},
 * {@code #slide} (the image of the media rotation), {@code #video} (its video), and
 * {@code #emergency} (the emergency notice over the whole screen, with {@code #emergencyZh} and
 * {@code #emergencyEn}).
 */
public final class HallScreen {
    private static final Logger log = LoggerFactory.getLogger(HallScreen.class);
    public static final double DESIGN_WIDTH = 1920;
    public static final double DESIGN_HEIGHT = 1080;

    private static final PseudoClass HIGHLIGHTED = PseudoClass.getPseudoClass("highlighted");
    private static final PseudoClass CLOSED = PseudoClass.getPseudoClass("closed");
    /** Several counters are calling: the cards share the row and use smaller type. */
    private static final PseudoClass SHARED = PseudoClass.getPseudoClass("shared");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_ZH = DateTimeFormatter.ofPattern("yyyy年M月d日 EEEE", Locale.CHINA);
    private static final DateTimeFormatter DATE_EN = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private final Clock clock;
    private final StackPane root = new StackPane();
    private final Label branchName = label("branchName", "branch-name");
    private final Label connectionLost = label("connectionLost", "connection-lost");
    private final Label time = label("clock", "clock");
    private final Label date = label("date", "date");
    private final VBox currentCall = new VBox();
    private final Label currentCaption = label("currentCaption", "caption");
    private final Label currentNumber = label("currentNumber", "current-number");
    private final Label currentCounter = label("currentCounter", "current-counter");
    private final HBox nowCalling = new HBox();
    private final List<CallCard> alsoCalling = new ArrayList<>();
    private final List<Label> previousCalls = new ArrayList<>();
    private final VBox services = new VBox();
    private final ImageView slide = new ImageView();
    private final MediaView video = new MediaView();
    private final VBox emergency = new VBox();
    private final Label emergencyZh = label("emergencyZh", "emergency-zh");
    private final Label emergencyEn = label("emergencyEn", "emergency-en");
    private final Ticker ticker;
    private final Slideshow slideshow;
    private final Timeline clockTimer;
    private ZoneId zone = ZoneId.systemDefault();
    private boolean stopped;

    public HallScreen(HallBoard board, HallSettings settings, Clock clock) {
        this.clock = clock;
        Pane tickerBar = new Pane();
        tickerBar.setId("tickerBar");
        tickerBar.getStyleClass().add("ticker-bar");
        ticker = new Ticker(tickerBar);
        slideshow = new Slideshow(slide, video, new ContentFolder(settings.contentFolder()));

        BorderPane design = new BorderPane(centre(settings.previousCalls()), header(), null, tickerBar, null);
        design.setId("board");
        design.getStyleClass().add("board");
        design.setMinSize(DESIGN_WIDTH, DESIGN_HEIGHT);
        design.setPrefSize(DESIGN_WIDTH, DESIGN_HEIGHT);
        design.setMaxSize(DESIGN_WIDTH, DESIGN_HEIGHT);
        Scale scale = new Scale(1, 1, 0, 0);
        design.getTransforms().add(scale);
        root.getChildren().addAll(new Group(design), emergencyOverlay());
        root.getStyleClass().add("hall");
        String family = Fonts.family(Font.getFamilies());
        log.info("Hall screen font family: {}", family);
        root.setStyle("-fx-font-family: \"" + family + "\";");
        root.getStylesheets().add(HallScreen.class.getResource("hall.css").toExternalForm());
        root.widthProperty().addListener(o -> fit(scale));
        root.heightProperty().addListener(o -> fit(scale));

        clockTimer = new Timeline(new KeyFrame(Duration.seconds(1), e -> tick()));
        clockTimer.setCycleCount(Timeline.INDEFINITE);
        board.subscribe(snapshot -> Platform.runLater(() -> render(snapshot)));
    }

    /** The node to put in the scene. */
    public Parent root() {
        return root;
    }

    /** Starts the clock; call on the JavaFX thread once the root is in a scene. */
    public void start() {
        tick();
        clockTimer.play();
    }

    /** Stops the clock, the ticker and the slideshow; call on the JavaFX thread. */
    public void stop() {
        stopped = true;
        clockTimer.stop();
        ticker.stop();
        slideshow.stop();
    }

    /** Over the whole window (queue view, media and letterbox alike), hidden until a notice is set. */
    private Node emergencyOverlay() {
        emergency.setId("emergency");
        emergency.getStyleClass().add("emergency");
        emergency.setAlignment(Pos.CENTER);
        emergency.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        emergencyZh.setWrapText(true);
        emergencyEn.setWrapText(true);
        emergency.getChildren().addAll(emergencyZh, emergencyEn);
        emergency.setVisible(false);
        return emergency;
    }

    private void fit(Scale scale) {
        double factor = Math.min(root.getWidth() / DESIGN_WIDTH, root.getHeight() / DESIGN_HEIGHT);
        scale.setX(factor);
        scale.setY(factor);
    }

    private Node header() {
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        VBox when = new VBox(time, date);
        when.setAlignment(Pos.CENTER_RIGHT);
        connectionLost.setText("连接中断 / Connection lost");
        connectionLost.managedProperty().bind(connectionLost.visibleProperty());
        HBox header = new HBox(branchName, gap, connectionLost, when);
        header.getStyleClass().add("header");
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private Node centre(int previousCount) {
        currentCall.setId("currentCall");
        currentCall.getStyleClass().add("current-call");
        currentCall.getChildren().addAll(currentCaption, currentNumber, currentCounter);
        currentCall.setAlignment(Pos.CENTER);
        currentCall.setMaxWidth(Double.MAX_VALUE);
        currentCounter.setWrapText(true);
        // Before the first call there is no number: its line gives way so the welcome can wrap.
        currentNumber.managedProperty().bind(currentNumber.visibleProperty());
        HBox.setHgrow(currentCall, Priority.ALWAYS);
        nowCalling.setId("nowCalling");
        nowCalling.getStyleClass().add("now-calling");
        nowCalling.getChildren().add(currentCall);
        for (int i = 0; i < HallBoard.MAX_ALSO_CALLING; i++) {
            CallCard card = new CallCard(i);
            alsoCalling.add(card);
            nowCalling.getChildren().add(card.box);
        }

        GridPane previous = new GridPane();
        previous.setId("previousCalls");
        previous.getStyleClass().add("previous-calls");
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        previous.getColumnConstraints().setAll(half, half);
        for (int i = 0; i < previousCount; i++) {
            Label row = label("previousCall" + i, "previous-call");
            row.setMaxWidth(Double.MAX_VALUE);
            previousCalls.add(row);
            previous.add(row, i % 2, i / 2);
        }
        VBox calls = new VBox(nowCalling, label(null, "caption", "已叫号 / Previous calls"), previous);
        calls.getStyleClass().add("calls");
        HBox.setHgrow(calls, Priority.ALWAYS);

        services.setId("services");
        services.getStyleClass().add("services");
        VBox.setVgrow(services, Priority.ALWAYS);
        slide.setId("slide");
        slide.setFitWidth(720);
        slide.setFitHeight(340);
        slide.setPreserveRatio(true);
        slide.setSmooth(true);
        video.setId("video");
        video.setFitWidth(720);
        video.setFitHeight(340);
        video.setPreserveRatio(true);
        StackPane slideBox = new StackPane(slide, video);
        slideBox.getStyleClass().add("slide-box");
        VBox side = new VBox(label(null, "caption", "等候人数 / Waiting"), services, slideBox);
        side.getStyleClass().add("side");
        return new HBox(calls, side);
    }

    /** The video of the media rotation now playing, if any; JavaFX thread. */
    public javafx.scene.media.MediaPlayer videoPlayer() {
        return slideshow.player();
    }

    private void render(BoardSnapshot board) {
        if (stopped) {
            return; // a snapshot still in flight must not restart the ticker or slideshow
        }
        zone = board.zone();
        branchName.setText(board.branchName());
        connectionLost.setVisible(!board.connected());
        renderCurrent(board);
        for (int i = 0; i < previousCalls.size(); i++) {
            Label row = previousCalls.get(i);
            row.setText(i < board.previous().size() ? callLine(board.previous().get(i)) : "");
            // Empty rows keep their place so the list does not jump, but show no empty boxes.
            row.setVisible(!row.getText().isEmpty());
        }
        services.getChildren().setAll(board.services().stream().map(HallScreen::serviceRow).toList());
        ticker.show(board.lines());
        slideshow.show(board.slides());
        emergency.setVisible(board.emergency().isPresent());
        emergencyZh.setText(board.emergency().map(n -> n.zh()).orElse(""));
        emergencyEn.setText(board.emergency().map(n -> n.en()).orElse(""));
        tick();
    }

    private void renderCurrent(BoardSnapshot board) {
        nowCalling.pseudoClassStateChanged(SHARED, !board.alsoCalling().isEmpty());
        for (int i = 0; i < alsoCalling.size(); i++) {
            alsoCalling.get(i).show(i < board.alsoCalling().size() ? board.alsoCalling().get(i) : null);
        }
        currentCall.pseudoClassStateChanged(HIGHLIGHTED, board.highlighted());
        if (board.current().isEmpty()) {
            currentCaption.setText("欢迎光临 / Welcome");
            currentNumber.setText("");
            currentNumber.setVisible(false);
            currentCounter.setText("请留意叫号 / Please watch for your number");
            return;
        }
        Call call = board.current().get();
        currentCaption.setText(caption(call));
        currentNumber.setText(call.number());
        currentNumber.setVisible(true);
        currentCounter.setText("→ " + counter(call));
    }

    private static String caption(Call call) {
        return call.recall() > 0 ? "再次呼叫 / Calling again" : "正在呼叫 / Now calling";
    }

    /** Another counter's call still calling, shown like the newest one beside it (not highlighted). */
    private static final class CallCard {
        final VBox box = new VBox();
        final Label caption = label(null, "caption");
        final Label number;
        final Label counter;

        CallCard(int index) {
            number = label("alsoCallingNumber" + index, "current-number");
            counter = label("alsoCallingCounter" + index, "current-counter");
            counter.setWrapText(true);
            box.setId("alsoCalling" + index);
            box.getStyleClass().addAll("current-call", "also-calling");
            box.getChildren().addAll(caption, number, counter);
            box.setAlignment(Pos.CENTER);
            box.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(box, Priority.ALWAYS);
            box.managedProperty().bind(box.visibleProperty());
            box.setVisible(false);
        }

        void show(Call call) {
            box.setVisible(call != null);
            caption.setText(call == null ? "" : caption(call));
            number.setText(call == null ? "" : call.number());
            counter.setText(call == null ? "" : "→ " + counter(call));
        }
    }

    private static Node serviceRow(Service service) {
        Label zh = label(null, "service-name", service.nameZh());
        Label en = label(null, "service-name-en", service.nameEn());
        VBox name = new VBox(zh, en);
        HBox.setHgrow(name, Priority.ALWAYS);
        Label waiting = label(null, "service-waiting",
                service.open() ? "等候 " + service.waiting() + " 人 / " + service.waiting() + " waiting" : "暂停 / Closed");
        Label estimate = label(null, "service-estimate", service.open() ? estimate(service) : "");
        VBox numbers = new VBox(waiting, estimate);
        numbers.setAlignment(Pos.CENTER_RIGHT);
        HBox row = new HBox(name, numbers);
        row.setId("service-" + service.id());
        row.getStyleClass().add("service");
        row.pseudoClassStateChanged(CLOSED, !service.open());
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static String estimate(Service service) {
        return WaitTime.zh(service.estimatedWaitSeconds()) + " / " + WaitTime.en(service.estimatedWaitSeconds());
    }

    private static String callLine(Call call) {
        return call.number() + " → " + counter(call);
    }

    private static String counter(Call call) {
        return call.counterNameZh() + " / " + call.counterNameEn();
    }

    private void tick() {
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(zone);
        time.setText(TIME.format(now));
        date.setText(DATE_ZH.format(now) + "  " + DATE_EN.format(now));
    }

    private static Label label(String id, String styleClass) {
        return label(id, styleClass, "");
    }

    private static Label label(String id, String styleClass, String text) {
        Label label = new Label(text);
        label.setId(id);
        label.getStyleClass().add(styleClass);
        return label;
    }
}
