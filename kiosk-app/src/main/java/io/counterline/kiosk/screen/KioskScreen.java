package io.counterline.kiosk.screen;

import io.counterline.ui.Fonts;
import io.counterline.kiosk.admin.PinCheck;
import io.counterline.kiosk.printer.PrinterStatus;
import io.counterline.kiosk.printer.Slip;
import io.counterline.kiosk.ticket.KioskController;
import io.counterline.kiosk.ticket.KioskState;
import io.counterline.kiosk.ticket.Language;
import io.counterline.kiosk.ticket.TicketOutcome;
import io.counterline.protocol.ServicesState.Service;
import io.counterline.protocol.WaitTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;

/**
 * The kiosk touchscreen: a view of {@link KioskState} that calls the {@link KioskController}.
 * One large button per service (disabled with the reason when it cannot give a ticket), a
 * Chinese/English toggle, the customer's number after a touch, and behind five taps on the
 * branch name a PIN pad that opens the admin screen (printer, network, test print, reprint).
 *
 * <p>States arrive on the controller thread and are rendered on the JavaFX thread; nothing here
 * blocks the JavaFX thread (the PIN is checked on a pool thread). Nodes tests look up carry CSS
 * ids: {@code #service-<id>}, {@code #servicesScroll}, {@code #language}, {@code #title}, {@code #status},
 * {@code #notice}, {@code #confirmation}, {@code #confirmationTitle},
 * {@code #confirmationDetail}, {@code #branchName}, {@code #pinPad}, {@code #pin-0…9},
 * {@code #pinOk}, {@code #pinMessage}, {@code #admin}, {@code #adminInfo}, {@code #testPrint},
 * {@code #reprint}, {@code #adminResult}, {@code #adminClose}, {@code #exitApp}.
 *
 * <p>It fits any screen from 800×480 (the 7" Pi panel) up: the header stays at the top with the
 * language button whole, the service buttons fill one or more columns of the width and scroll when
 * there are more than fit, and below 1000×700 a compact style (pseudo-class {@code :compact} on the
 * root) uses smaller type and keys so the PIN pad and the admin screen fit too.
 */
public final class KioskScreen {
    /** Taps on the branch name that open the PIN pad, within {@link #TAP_WINDOW_NANOS}. */
    static final int ADMIN_TAPS = 5;
    private static final long TAP_WINDOW_NANOS = 3_000_000_000L;
    /** Narrower service buttons than this go into fewer columns. */
    private static final double MIN_TILE_WIDTH = 360;
    private static final int MAX_COLUMNS = 3;
    /** Windows smaller than this (either way) get the compact style. */
    private static final double COMPACT_WIDTH = 1000;
    private static final double COMPACT_HEIGHT = 700;
    private static final PseudoClass COMPACT = PseudoClass.getPseudoClass("compact");

    private final KioskController controller;
    private final PinCheck pins;
    private final DeviceInfo device;
    private final Runnable exit;
    private final StackPane root = new StackPane();
    private final Label branchName = label("branchName", "branch-name");
    private final Label status = label("status", "status");
    private final Button language = new Button();
    private final Label title = label("title", "title");
    private final Label notice = label("notice", "notice");
    private final TilePane tiles = new TilePane();
    private final ScrollPane tilesScroll = new ScrollPane(tiles);
    private final Map<String, Button> buttons = new LinkedHashMap<>();
    private final VBox confirmation = new VBox();
    private final Label confirmationTitle = label("confirmationTitle", "confirmation-title");
    private final Label confirmationDetail = label("confirmationDetail", "confirmation-detail");
    private final VBox pinPad = new VBox();
    private final Label pinDisplay = label("pinDisplay", "pin-display");
    private final Label pinMessage = label("pinMessage", "admin-text");
    private final VBox admin = new VBox();
    private final Label adminInfo = label("adminInfo", "admin-text");
    private final Label adminResult = label("adminResult", "admin-text");
    private final StringBuilder typed = new StringBuilder();
    private final List<Long> taps = new ArrayList<>();
    private KioskState state;
    private volatile boolean stopped;

    /** Builds the nodes; call on the JavaFX thread. {@code exit} ends the app (admin screen only). */
    public KioskScreen(KioskController controller, PinCheck pins, DeviceInfo device, Runnable exit) {
        this.controller = controller;
        this.pins = pins;
        this.device = device;
        this.exit = exit;
        root.getStyleClass().add("kiosk");
        root.setStyle("-fx-font-family: \"" + Fonts.family(Font.getFamilies()) + "\";");
        root.getStylesheets().add(KioskScreen.class.getResource("kiosk.css").toExternalForm());
        root.getChildren().addAll(startScreen(), confirmation(), pinPad(), admin());
        // The layers take the window's size, whatever their content asks for: an oversized layer
        // would be centred by the StackPane and push the header off the top of the screen.
        root.getChildren().forEach(layer -> ((Region) layer).setMinSize(0, 0));
        root.widthProperty().addListener(o -> fitToWindow());
        root.heightProperty().addListener(o -> fitToWindow());
    }

    private void fitToWindow() {
        root.pseudoClassStateChanged(COMPACT, root.getWidth() < COMPACT_WIDTH || root.getHeight() < COMPACT_HEIGHT);
    }

    /** As many columns of at least {@link #MIN_TILE_WIDTH} as the width holds (1 to 3), filling it. */
    private void fitTiles(double viewportWidth) {
        Insets insets = tiles.getInsets();
        double inner = viewportWidth - insets.getLeft() - insets.getRight();
        int columns = (int) Math.max(1, Math.min(MAX_COLUMNS,
                Math.floor((inner + tiles.getHgap()) / (MIN_TILE_WIDTH + tiles.getHgap()))));
        columns = Math.min(columns, Math.max(1, buttons.size()));
        tiles.setPrefColumns(columns);
        tiles.setPrefTileWidth(Math.max(1, Math.floor((inner - (columns - 1) * tiles.getHgap()) / columns)));
    }

    public Parent root() {
        return root;
    }

    /** Starts rendering the controller's states. */
    public void start() {
        controller.onChange(s -> {
            if (!stopped) {
                Platform.runLater(() -> render(s));
            }
        });
    }

    public void stop() {
        stopped = true;
    }

    private Parent startScreen() {
        branchName.setOnMouseClicked(e -> adminTap());
        language.setId("language");
        language.getStyleClass().add("language");
        language.setOnAction(e -> controller.toggleLanguage());
        language.setMinWidth(Region.USE_PREF_SIZE); // the one control that must never be cut
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(branchName, spacer, status, language);
        header.getStyleClass().add("header");
        tiles.setId("services");
        tiles.getStyleClass().add("services");
        tiles.setPrefColumns(2);
        tilesScroll.setId("servicesScroll");
        tilesScroll.getStyleClass().add("services-scroll");
        tilesScroll.setFitToWidth(true);
        tilesScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        tilesScroll.setPannable(true); // a finger drags the list
        tilesScroll.viewportBoundsProperty().addListener((o, was, now) -> fitTiles(now.getWidth()));
        VBox.setVgrow(tilesScroll, Priority.ALWAYS);
        VBox centre = new VBox(title, notice, tilesScroll);
        centre.getStyleClass().add("centre");
        centre.setAlignment(Pos.TOP_CENTER);
        BorderPane start = new BorderPane(centre);
        start.setTop(header);
        return start;
    }

    private Parent confirmation() {
        confirmation.setId("confirmation");
        confirmation.getStyleClass().add("overlay");
        confirmation.getChildren().addAll(confirmationTitle, confirmationDetail);
        confirmationTitle.setWrapText(true);
        confirmationDetail.setWrapText(true);
        confirmation.setOnMouseClicked(e -> controller.dismiss());
        confirmation.setVisible(false);
        return confirmation;
    }

    private Parent pinPad() {
        pinPad.setId("pinPad");
        pinPad.getStyleClass().add("overlay");
        GridPane pad = new GridPane();
        pad.getStyleClass().add("pad");
        pad.setHgap(12);
        pad.setVgap(12);
        pad.setAlignment(Pos.CENTER);
        for (int digit = 0; digit <= 9; digit++) {
            String d = Integer.toString(digit);
            Button key = button("pin-" + d, d, () -> {
                if (typed.length() < 12) {
                    typed.append(d);
                    pinDisplay.setText("•".repeat(typed.length()));
                }
            });
            int cell = digit == 0 ? 10 : digit - 1;
            pad.add(key, cell % 3, cell / 3);
        }
        pad.add(button("pinCancel", "✕", this::closeAdmin), 0, 3);
        pad.add(button("pinOk", "OK", this::checkPin), 2, 3);
        pinPad.getChildren().addAll(label("pinTitle", "admin-text", "管理员 PIN / Admin PIN"), pinDisplay, pad,
                pinMessage);
        pinPad.setVisible(false);
        return pinPad;
    }

    private Parent admin() {
        admin.setId("admin");
        admin.getStyleClass().add("overlay");
        FlowPane actions = new FlowPane(16, 16,
                button("testPrint", "测试打印 / Test print", () -> adminAction(controller.testPrint())),
                button("reprint", "补打上一张 / Reprint last", () -> adminAction(controller.reprintLast())),
                button("adminClose", "返回 / Back", this::closeAdmin),
                button("exitApp", "退出程序 / Exit app", exit));
        actions.getStyleClass().add("admin-actions");
        actions.setAlignment(Pos.CENTER); // wraps onto two rows on a narrow screen
        admin.getChildren().addAll(label("adminTitle", "title", "管理 / Admin"), adminInfo, actions, adminResult);
        admin.setVisible(false);
        return admin;
    }

    private void adminTap() {
        long now = System.nanoTime();
        taps.removeIf(t -> now - t > TAP_WINDOW_NANOS);
        taps.add(now);
        if (taps.size() >= ADMIN_TAPS) {
            taps.clear();
            typed.setLength(0);
            pinDisplay.setText("");
            pinMessage.setText("");
            pinPad.setVisible(true);
        }
    }

    private void checkPin() {
        String pin = typed.toString();
        typed.setLength(0);
        pinDisplay.setText("");
        // PBKDF2 takes tens of milliseconds on a Pi: not on the JavaFX thread.
        CompletableFuture.supplyAsync(() -> pins.check(pin)).thenAccept(result -> Platform.runLater(() -> {
            switch (result) {
                case OK -> {
                    pinPad.setVisible(false);
                    adminResult.setText("");
                    admin.setVisible(true);
                    renderAdmin();
                }
                case WRONG -> pinMessage.setText("PIN 错误 / Wrong PIN");
                case LOCKED -> pinMessage.setText("请稍后再试 / Locked, try again later");
            }
        }));
    }

    private void closeAdmin() {
        typed.setLength(0);
        pinPad.setVisible(false);
        admin.setVisible(false);
    }

    private void adminAction(CompletableFuture<Optional<String>> action) {
        adminResult.setText("…");
        action.whenComplete((problem, error) -> Platform.runLater(() -> adminResult.setText(
                error != null ? "失败 / Failed: " + error.getMessage()
                        : problem.map(p -> "失败 / Failed: " + p).orElse("已打印 / Printed"))));
    }

    private void render(KioskState s) {
        state = s;
        Language l = s.language();
        branchName.setText(s.branchName());
        language.setText(l == Language.ZH ? "English" : "中文");
        title.setText(t(l, "请选择业务", "Please choose a service"));
        // Offline is said calmly: the ticket is as good as any.
        status.setText(s.online() ? "" : t(l, "离线服务中 · 号码照常有效", "Offline service · tickets are valid"));
        status.setVisible(!s.online());
        boolean printerDown = !s.printer().canPrint();
        notice.setText(printerDown ? t(l, "暂时无法出票，请联系工作人员", "Tickets unavailable - please ask staff") : "");
        notice.setVisible(printerDown);
        notice.setManaged(printerDown);
        renderTiles(s);
        renderConfirmation(s);
        if (admin.isVisible()) {
            renderAdmin();
        }
    }

    private void renderTiles(KioskState s) {
        List<String> ids = s.services().stream().map(tile -> tile.service().id()).toList();
        if (!ids.equals(List.copyOf(buttons.keySet()))) {
            buttons.clear();
            for (String id : ids) {
                Button b = new Button();
                b.setId("service-" + id);
                b.getStyleClass().add("service");
                b.setMaxWidth(Double.MAX_VALUE);
                b.setOnAction(e -> controller.press(id));
                buttons.put(id, b);
            }
            tiles.getChildren().setAll(buttons.values());
            fitTiles(tilesScroll.getViewportBounds().getWidth());
        }
        Language l = s.language();
        for (KioskState.Tile tile : s.services()) {
            Service service = tile.service();
            Label name = label(null, "service-name", l == Language.ZH ? service.nameZh() : service.nameEn());
            Label detail = label(null, "service-detail", detail(l, tile, s));
            VBox content = new VBox(8, name, detail);
            content.setAlignment(Pos.CENTER);
            Button b = buttons.get(service.id());
            b.setGraphic(content);
            b.setDisable(!tile.available() || s.issuing() || s.outcome().isPresent());
        }
    }

    private static String detail(Language l, KioskState.Tile tile, KioskState s) {
        Service service = tile.service();
        if (!service.open()) {
            return t(l, "暂停办理 · 办理时间 " + service.hours(), "Closed · Hours " + service.hours());
        }
        if (!s.online() && tile.offlineNumbersLeft() == 0) {
            return t(l, "暂时无法取号", "Not available right now");
        }
        String wait = t(l, WaitTime.zh(service.estimatedWaitSeconds()), WaitTime.en(service.estimatedWaitSeconds()));
        return t(l, "等候 " + service.waiting() + " 人 · ", service.waiting() + " waiting · ") + wait;
    }

    private void renderConfirmation(KioskState s) {
        Language l = s.language();
        boolean visible = s.issuing() || s.outcome().isPresent();
        confirmation.setVisible(visible);
        if (s.outcome().isEmpty()) {
            confirmationTitle.setText(s.issuing() ? t(l, "正在出票…", "Printing your ticket…") : "");
            confirmationDetail.setText("");
            return;
        }
        TicketOutcome outcome = s.outcome().get();
        if (outcome instanceof TicketOutcome.Printed printed) {
            Slip slip = printed.slip();
            confirmationTitle.setText(t(l, "您的号码 " + slip.number() + " · 前面还有 " + slip.peopleAhead() + " 人",
                    "Your number " + slip.number() + " · " + slip.peopleAhead() + " ahead of you"));
            confirmationDetail.setText(slip.offline()
                    ? t(l, "请取走号票，留意叫号（离线号票，照常有效）", "Please take your ticket and listen for your number")
                    : t(l, "请取走号票，留意叫号", "Please take your ticket and listen for your number"));
        } else if (outcome instanceof TicketOutcome.PrintFailed) {
            confirmationTitle.setText(t(l, "号票未能打印", "Your ticket could not be printed"));
            confirmationDetail.setText(t(l, "请联系工作人员", "Please ask staff"));
        } else if (outcome instanceof TicketOutcome.Refused refused) {
            confirmationTitle.setText(t(l, refused.messageZh(), refused.messageEn()));
            confirmationDetail.setText("");
        }
    }

    private void renderAdmin() {
        if (state == null) {
            return;
        }
        PrinterStatus p = state.printer();
        StringBuilder text = new StringBuilder()
                .append("设备 / Device: ").append(device.deviceId()).append("   版本 / Version: ").append(device.version())
                .append("\n服务器 / Broker: ").append(device.broker())
                .append(state.connected() ? " (已连接 / connected)" : " (未连接 / not connected)")
                .append("\n业务服务器 / Server: ").append(state.serverReachable() ? "应答 / answering" : "无应答 / not answering")
                .append("\n打印机 / Printer: ").append(p.condition()).append(p.reason().isEmpty() ? "" : " - " + p.reason())
                .append("\n离线号码 / Offline numbers left:");
        state.services().forEach(tile -> text.append(' ').append(tile.service().id()).append('=')
                .append(tile.offlineNumbersLeft()));
        adminInfo.setText(text.toString());
    }

    private static String t(Language l, String zh, String en) {
        return l == Language.ZH ? zh : en;
    }

    private static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static Label label(String id, String styleClass) {
        return label(id, styleClass, "");
    }

    private static Label label(String id, String styleClass, String text) {
        Label l = new Label(text);
        if (id != null) {
            l.setId(id);
        }
        l.getStyleClass().add(styleClass);
        return l;
    }
}
