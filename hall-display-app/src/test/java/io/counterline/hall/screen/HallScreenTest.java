package io.counterline.hall.screen;

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

import io.counterline.hall.board.FakeDelay;
import io.counterline.hall.board.HallBoard;
import io.counterline.protocol.CallsState.Call;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** Renders the board from protocol states on a headless (Monocle) JavaFX stage. */
@ExtendWith(ApplicationExtension.class)
class HallScreenTest {
    private static final PseudoClass HIGHLIGHTED = PseudoClass.getPseudoClass("highlighted");
    // 09:30:05 in Shanghai.
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T01:30:05Z"), ZoneOffset.UTC);

    @TempDir
    static Path content;

    private final FakeDelay delay = new FakeDelay();
    private final Call a12 = call("k12", "A012", 3, 12);
    private final Call b7 = call("k7", "B007", 5, 7);
    private final Call a11 = call("k11", "A011", 2, 11);
    private HallBoard board;
    private HallScreen screen;
    private Scene scene;

    @BeforeAll
    static void paintImage() throws IOException {
        BufferedImage picture = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = picture.createGraphics();
        g.setColor(new Color(0x2e7d32));
        g.fillRect(0, 0, 640, 360);
        g.setColor(Color.WHITE);
        g.fillOval(220, 80, 200, 200);
        g.dispose();
        ImageIO.write(picture, "png", content.resolve("welcome.png").toFile());
        Files.writeString(content.resolve("broken.png"), "not a png");
    }

    @Start
    void start(Stage stage) {
        board = new HallBoard(settings(content), delay);
        screen = new HallScreen(board, settings(content), CLOCK);
        scene = new Scene(screen.root(), 1920, 1080);
        stage.setScene(scene);
        // The primary stage is shared by all tests; one of them resizes it.
        stage.sizeToScene();
        screen.start();
        stage.show();
        board.applyCalls(calls(0));
    }

    @Stop
    void stop() {
        screen.stop();
    }

    @Test
    void render_fullState_showsCallsServicesBranchClockAndTicker(FxRobot robot) {
        board.connectionRestored();
        board.applyDay(day("人民路支行 Renmin Road Branch", "Asia/Shanghai"));
        board.applyServices(services(service("personal", "个人业务", "Personal banking", 12, 900),
                service("business", "对公业务", "Business banking", 0, 0)));
        board.applySignage(signage(List.of("欢迎光临 Welcome", "请保管好随身物品"), List.of("welcome.png"), 8));
        board.applyCalls(calls(20, a12, a11, b7));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(text(robot, "#currentNumber")).isEqualTo("A012");
        assertThat(text(robot, "#currentCounter")).isEqualTo("→ 3号窗口 / Counter 3");
        // Three counters called at once: all three now calling, side by side.
        assertThat(text(robot, "#alsoCallingNumber0")).isEqualTo("A011");
        assertThat(text(robot, "#alsoCallingCounter0")).isEqualTo("→ 2号窗口 / Counter 2");
        assertThat(text(robot, "#alsoCallingNumber1")).isEqualTo("B007");
        assertThat(robot.lookup("#previousCall0").query().isVisible()).isFalse();
        delay.elapse(java.time.Duration.ofSeconds(30)); // their calling time is over
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#alsoCalling0").query().isVisible()).isFalse();
        assertThat(text(robot, "#previousCall0")).isEqualTo("A011 → 2号窗口 / Counter 2");
        assertThat(text(robot, "#previousCall1")).isEqualTo("B007 → 5号窗口 / Counter 5");
        assertThat(text(robot, "#previousCall2")).isEmpty();
        assertThat(robot.lookup("#previousCall2").query().isVisible()).isFalse();
        assertThat(text(robot, "#branchName")).isEqualTo("人民路支行 Renmin Road Branch");
        assertThat(text(robot, "#clock")).isEqualTo("09:30:05");
        assertThat(text(robot, "#date")).isEqualTo("2026年11月22日 星期日  Sun 22 Nov 2026");
        assertThat(serviceTexts(robot, "personal")).containsExactly("个人业务", "Personal banking", "等候 12 人 / 12 waiting",
                "约 15 分钟 / about 15 min");
        assertThat(serviceTexts(robot, "business")).containsExactly("对公业务", "Business banking", "等候 0 人 / 0 waiting",
                "无需等候 / No wait");
        assertThat(robot.lookup("#ticker").queryAs(Text.class).getText()).isEqualTo("欢迎光临 Welcome");
        assertThat(robot.lookup("#connectionLost").query().isVisible()).isFalse();
        assertThat(robot.lookup("#currentNumber").queryAs(Label.class).getFont().getFamily())
                .as("fonts-wqy-microhei is installed on the build machine").isEqualTo("WenQuanYi Micro Hei");
    }

    @Test
    void render_waitUnderAMinuteWithPeopleWaiting_sameMinutesAsTheKioskNotNoWait(FxRobot robot) {
        board.connectionRestored();
        board.applyServices(services(service("personal", "个人业务", "Personal banking", 2, 20)));
        WaitForAsyncUtils.waitForFxEvents();

        // One rounding (WaitTime, up to the minute) on every device: the kiosk says "约 1 分钟" too.
        assertThat(serviceTexts(robot, "personal")).containsExactly("个人业务", "Personal banking", "等候 2 人 / 2 waiting",
                "约 1 分钟 / about 1 min");
    }

    @Test
    void render_noCallYet_welcomeShownWhole(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();

        Label line = robot.lookup("#currentCounter").queryAs(Label.class);
        assertThat(line.getText()).isEqualTo("请留意叫号 / Please watch for your number");
        assertThat(line.getHeight()).as("wrapped onto the lines it needs, not cut to an ellipsis")
                .isGreaterThanOrEqualTo(line.prefHeight(line.getWidth()) - 0.5);
    }

    @Test
    void render_twoCountersCallAtOnce_bothNowCallingSideBySideWithinTheBoard(FxRobot robot) {
        board.applyCalls(calls(10, a12, a11));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(text(robot, "#currentNumber")).isEqualTo("A012");
        assertThat(text(robot, "#alsoCallingNumber0")).isEqualTo("A011");
        assertThat(text(robot, "#alsoCallingCounter0")).isEqualTo("→ 2号窗口 / Counter 2");
        assertThat(robot.lookup("#alsoCalling0").query().isVisible()).isTrue();
        assertThat(robot.lookup("#alsoCalling1").query().isVisible()).isFalse();
        assertThat(robot.lookup("#previousCall0").query().isVisible()).as("nothing under previous yet").isFalse();
        Bounds boardBounds = sceneBounds(robot, "#board");
        for (String id : List.of("#currentCall", "#alsoCalling0")) {
            Bounds card = sceneBounds(robot, id);
            assertThat(boardBounds.contains(card)).as(id + " " + card + " inside " + boardBounds).isTrue();
        }
        assertThat(sceneBounds(robot, "#currentCall").intersects(sceneBounds(robot, "#alsoCalling0"))).isFalse();
        for (String id : List.of("#currentNumber", "#alsoCallingNumber0")) {
            Label number = robot.lookup(id).queryAs(Label.class);
            assertThat(number.getWidth()).as(id + " shown whole, not cut to an ellipsis")
                    .isGreaterThanOrEqualTo(number.prefWidth(-1) - 0.5);
        }
    }

    @Test
    void render_newCall_highlightedUntilTheHighlightEnds(FxRobot robot) {
        board.applyCalls(calls(20, a12));
        WaitForAsyncUtils.waitForFxEvents();
        Node current = robot.lookup("#currentCall").query();
        assertThat(current.getPseudoClassStates()).contains(HIGHLIGHTED);

        delay.elapse();
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(current.getPseudoClassStates()).doesNotContain(HIGHLIGHTED);
        assertThat(text(robot, "#currentNumber")).isEqualTo("A012");
    }

    @Test
    void render_recall_saysCallingAgain(FxRobot robot) {
        board.applyCalls(calls(20, a12));
        board.applyCalls(calls(30, recall(a12, "k13", 30), a12));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(text(robot, "#currentCaption")).isEqualTo("再次呼叫 / Calling again");
        assertThat(robot.lookup("#currentCall").query().getPseudoClassStates()).contains(HIGHLIGHTED);
    }

    @Test
    void render_connectionLostThenRestored_markShownThenHidden(FxRobot robot) {
        board.connectionRestored();
        board.applyCalls(calls(20, a12));
        WaitForAsyncUtils.waitForFxEvents();
        Node mark = robot.lookup("#connectionLost").query();
        assertThat(mark.isVisible()).isFalse();

        board.connectionLost();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(mark.isVisible()).isTrue();
        assertThat(((Label) mark).getText()).isEqualTo("连接中断 / Connection lost");
        assertThat(text(robot, "#currentNumber")).as("board kept").isEqualTo("A012");

        board.connectionRestored();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(mark.isVisible()).isFalse();
    }

    @Test
    void slideshow_missingAndBrokenImages_skippedOthersShown(FxRobot robot) {
        board.applySignage(signage(List.of(), List.of("missing.png", "broken.png", "welcome.png"), 1));
        ImageView slide = robot.lookup("#slide").queryAs(ImageView.class);

        // Broken images surface only once decoded in the background; within a few slides only
        // welcome.png is ever shown.
        await().until(fx(() -> slide.getImage() != null && !slide.getImage().isError()
                && slide.getImage().getUrl().endsWith("/welcome.png")));
        await().during(java.time.Duration.ofMillis(2500)).until(fx(() -> slide.getImage() != null
                && slide.getImage().getUrl().endsWith("/welcome.png")));
    }

    @Test
    void scene_smallerWindow_designScaledToFit(FxRobot robot) {
        robot.interact(() -> {
            scene.getWindow().setWidth(1280);
            scene.getWindow().setHeight(720);
        });
        WaitForAsyncUtils.waitForFxEvents();

        Bounds board = robot.lookup("#board").query().localToScene(
                robot.lookup("#board").query().getLayoutBounds());
        assertThat(board.getWidth()).isCloseTo(1280, org.assertj.core.data.Offset.offset(1.0));
        assertThat(board.getHeight()).isCloseTo(720, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void snapshot_fullBoard_writtenAsPngForALookByEye(FxRobot robot) throws Exception {
        board.connectionLost();
        board.applyDay(day("人民路支行 Renmin Road Branch", "Asia/Shanghai"));
        board.applyServices(services(service("personal", "个人业务", "Personal banking", 12, 900),
                service("business", "对公业务", "Business banking", 3, 240),
                service("foreign", "外汇业务", "Foreign exchange", 0, 0)));
        board.applySignage(signage(List.of("欢迎光临人民路支行 · Welcome to Renmin Road Branch"),
                List.of("welcome.png"), 8));
        board.applyCalls(calls(20, a12, a11, b7, call("k6", "C003", 1, 6), call("k5", "A010", 4, 5)));
        await().until(fx(() -> robot.lookup("#slide").queryAs(ImageView.class).getImage() != null
                && robot.lookup("#slide").queryAs(ImageView.class).getImage().getProgress() >= 1));
        WaitForAsyncUtils.waitForFxEvents();

        WritableImage shot = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();

        Path png = Path.of("target", "hall-board.png");
        ImageIO.write(toAwt(shot), "png", png.toFile());
        assertThat((int) shot.getWidth()).isEqualTo(1920);
        assertThat((int) shot.getHeight()).isEqualTo(1080);
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    private static Bounds sceneBounds(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        return node.localToScene(node.getLayoutBounds());
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static List<String> serviceTexts(FxRobot robot, String serviceId) {
        Parent row = robot.lookup("#service-" + serviceId).queryAs(Parent.class);
        return robot.from(row).lookup(".label").queryAllAs(Label.class).stream().map(Label::getText).toList();
    }

    private static Callable<Boolean> fx(Callable<Boolean> check) {
        return () -> WaitForAsyncUtils.asyncFx(check).get();
    }

    private static BufferedImage toAwt(WritableImage image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        return out;
    }
}
