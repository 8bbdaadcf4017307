package io.counterline.kiosk.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.config.PinHash;
import io.counterline.device.DeviceRuntime;
import io.counterline.kiosk.KioskFixture;
import io.counterline.kiosk.admin.PinCheck;
import io.counterline.kiosk.printer.PrinterStatus;
import io.counterline.kiosk.printer.Slip;
import io.counterline.protocol.EventType;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The touchscreen on a headless (Monocle) stage over a kiosk node, in-memory broker and scripted
 * server; at 1280×800, and at the sizes it supports from 800×480 up.
 */
@ExtendWith(ApplicationExtension.class)
class KioskScreenTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private KioskFixture kiosk;
    private KioskScreen screen;
    private Stage stage;
    private final AtomicInteger exits = new AtomicInteger();

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        kiosk = new KioskFixture(dir).start();
        screen = new KioskScreen(kiosk.node.controller(),
                new PinCheck(PinHash.parse(KioskFixture.ADMIN_PIN_HASH), Clock.systemUTC()),
                new DeviceInfo("kiosk-1", DeviceRuntime.VERSION, "tcp://127.0.0.1:1883"), exits::incrementAndGet);
        stage.setScene(new Scene(screen.root(), 1280, 800));
        // The primary stage is shared by all tests.
        stage.sizeToScene();
        screen.start();
        stage.show();
    }

    @Stop
    void stop() {
        screen.stop();
        kiosk.close();
    }

    private void ready(FxRobot robot) {
        await().atMost(WAIT).until(fx(() -> robot.lookup("#service-A").tryQuery().isPresent()
                && !robot.lookup("#service-A").queryButton().isDisabled()));
    }

    @Test
    void touch_service_slipWithTheServersNumberAndConfirmationShown(FxRobot robot) {
        ready(robot);

        robot.clickOn("#service-A");

        await().atMost(WAIT).until(() -> kiosk.printer.printed().size() == 1);
        assertThat(kiosk.printer.printed().get(0).number()).isEqualTo("A012");
        await().atMost(WAIT).until(fx(() -> robot.lookup("#confirmation").query().isVisible()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#confirmationTitle")).isEqualTo("您的号码 A012 · 前面还有 5 人");
        await().atMost(WAIT).until(() -> kiosk.events(EventType.SLIP_PRINTED).size() == 1);

        robot.clickOn("#confirmation");
        await().atMost(WAIT).until(fx(() -> !robot.lookup("#confirmation").query().isVisible()));
    }

    @Test
    void toggle_language_visibleTextsSwitchToEnglishAndBack(FxRobot robot) {
        ready(robot);
        assertThat(text(robot, "#title")).isEqualTo("请选择业务");
        assertThat(serviceTexts(robot, "A")).containsExactly("个人业务", "等候 3 人 · 约 10 分钟");

        robot.clickOn("#language");
        await().atMost(WAIT).until(fx(() -> text(robot, "#title").equals("Please choose a service")));

        assertThat(serviceTexts(robot, "A")).containsExactly("Personal", "3 waiting · about 10 min");
        assertThat(serviceTexts(robot, "B")).containsExactly("Business", "Closed · Hours 09:00-17:00");
        assertThat(robot.lookup("#language").queryButton().getText()).isEqualTo("中文");

        robot.clickOn("#language");
        await().atMost(WAIT).until(fx(() -> text(robot, "#title").equals("请选择业务")));
    }

    @Test
    void render_closedService_disabledWithItsHours(FxRobot robot) {
        ready(robot);

        assertThat(robot.lookup("#service-B").queryButton().isDisabled()).isTrue();
        assertThat(serviceTexts(robot, "B")).containsExactly("对公业务", "暂停办理 · 办理时间 09:00-17:00");
    }

    @Test
    void printer_paperOutThenLoaded_buttonsDisabledWithNoticeThenEnabled(FxRobot robot) {
        ready(robot);

        kiosk.printer.simulate(PrinterStatus.paperOut());

        await().atMost(WAIT).until(fx(() -> robot.lookup("#service-A").queryButton().isDisabled()));
        assertThat(robot.lookup("#notice").query().isVisible()).isTrue();
        assertThat(text(robot, "#notice")).isEqualTo("暂时无法出票，请联系工作人员");
        assertThat(kiosk.runtime.health().part("printer").reason()).isEqualTo("paper out - load a new roll");

        kiosk.printer.simulate(PrinterStatus.READY);

        await().atMost(WAIT).until(fx(() -> !robot.lookup("#service-A").queryButton().isDisabled()));
        assertThat(robot.lookup("#notice").query().isVisible()).isFalse();
    }

    @Test
    void touch_printFailsMidSlip_customerToldToAskStaff(FxRobot robot) {
        ready(robot);
        kiosk.printer.failNextSlip(PrinterStatus.coverOpen());

        robot.clickOn("#service-A");

        await().atMost(WAIT).until(fx(() -> text(robot, "#confirmationDetail").equals("请联系工作人员")));
        assertThat(text(robot, "#confirmationTitle")).isEqualTo("号票未能打印");
        await().atMost(WAIT).until(() -> kiosk.events(EventType.SLIP_FAILED).size() == 1);
        assertThat(kiosk.printer.printed()).isEmpty();
    }

    @Test
    void touch_serverSilent_offlineSlipAndCalmOfflineStatus(FxRobot robot) {
        ready(robot);
        await().atMost(WAIT).until(() -> kiosk.node.state().tile("A").orElseThrow().offlineNumbersLeft() == 20);
        kiosk.server.silent(true);

        robot.clickOn("#service-A");

        await().atMost(WAIT).until(() -> kiosk.printer.printed().size() == 1);
        assertThat(kiosk.printer.printed().get(0).offline()).isTrue();
        await().atMost(WAIT).until(fx(() -> robot.lookup("#status").query().isVisible()));
        assertThat(text(robot, "#status")).isEqualTo("离线服务中 · 号码照常有效");
        await().atMost(WAIT).until(fx(() -> text(robot, "#confirmationTitle").equals("您的号码 A501 · 前面还有 3 人")));
    }

    @Test
    void admin_wrongPinThenRightPin_opensOnlyWithTheRightOneAndPrints(FxRobot robot) {
        ready(robot);
        Node pinPad = robot.lookup("#pinPad").query();
        Node admin = robot.lookup("#admin").query();
        assertThat(pinPad.isVisible()).isFalse();

        tapBranchName(robot, 5);
        assertThat(pinPad.isVisible()).isTrue();
        type(robot, "1357");
        await().atMost(WAIT).until(fx(() -> text(robot, "#pinMessage").equals("PIN 错误 / Wrong PIN")));
        assertThat(admin.isVisible()).isFalse();

        type(robot, KioskFixture.ADMIN_PIN);
        await().atMost(WAIT).until(fx(admin::isVisible));
        assertThat(pinPad.isVisible()).isFalse();
        assertThat(text(robot, "#adminInfo")).contains("kiosk-1", DeviceRuntime.VERSION, "READY");

        robot.clickOn("#testPrint");
        await().atMost(WAIT).until(() -> kiosk.printer.testPages() == 1);
        await().atMost(WAIT).until(fx(() -> text(robot, "#adminResult").equals("已打印 / Printed")));

        robot.clickOn("#adminClose");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(admin.isVisible()).isFalse();
    }

    @Test
    void admin_reprintLast_theLastSlipAgain(FxRobot robot) throws Exception {
        ready(robot);
        kiosk.node.press("A").get();
        kiosk.node.controller().dismiss();
        await().atMost(WAIT).until(fx(() -> !robot.lookup("#confirmation").query().isVisible()));

        tapBranchName(robot, 5);
        type(robot, KioskFixture.ADMIN_PIN);
        await().atMost(WAIT).until(fx(() -> robot.lookup("#admin").query().isVisible()));
        robot.clickOn("#reprint");

        await().atMost(WAIT).until(() -> kiosk.printer.printed().size() == 2);
        assertThat(kiosk.printer.printed()).extracting(Slip::number).containsExactly("A012", "A012");
        assertThat(exits.get()).isZero();
    }

    @Test
    void admin_fourTapsOnly_noPinPad(FxRobot robot) {
        ready(robot);

        tapBranchName(robot, 4);

        assertThat(robot.lookup("#pinPad").query().isVisible()).isFalse();
    }

    // ---- screen sizes: from the smallest panel supported (800×480, the 7" Pi display) to 1080p, the
    // header (branch name, the admin entry, and the language button), the services and the admin
    // PIN pad and screen are all on screen, inside the window.

    @Test
    void smallestPanel800x480_headerServicesAndAdminInsideTheWindow(FxRobot robot) {
        checkAt(robot, 800, 480);
    }

    @Test
    void fullHd1920x1080_headerServicesAndAdminInsideTheWindow(FxRobot robot) {
        checkAt(robot, 1920, 1080);
    }

    @Test
    void sevenInch1024x600_headerServicesAndAdminInsideTheWindow(FxRobot robot) {
        checkAt(robot, 1024, 600);
    }

    private void checkAt(FxRobot robot, double width, double height) {
        robot.interact(() -> {
            stage.getScene().setRoot(new Pane()); // the root moves to a scene of the size under test
            stage.setScene(new Scene(screen.root(), width, height));
            stage.sizeToScene();
            stage.setX(0); // the whole window on Monocle's 1920×1080 screen, where the robot clicks
            stage.setY(0);
        });
        // A branch with six services (two rows of three on a big screen, a list to scroll on a small one).
        kiosk.server.publishState(kiosk.topics.services(), KioskFixture.services(
                KioskFixture.service("A", "个人业务", "Personal", true, 3, 600),
                KioskFixture.service("B", "对公业务", "Business", false, 0, 0),
                KioskFixture.service("C", "外汇业务", "Foreign exchange", true, 1, 300),
                KioskFixture.service("D", "理财咨询", "Wealth management advice", true, 0, 0),
                KioskFixture.service("E", "贵宾业务", "Priority banking", true, 2, 600),
                KioskFixture.service("F", "社保医保", "Social security", true, 12, 3600)));
        await().atMost(WAIT).until(fx(() -> robot.lookup("#service-F").tryQuery().isPresent()
                && !robot.lookup("#branchName").queryAs(Labeled.class).getText().isEmpty()));
        WaitForAsyncUtils.waitForFxEvents();
        Bounds window = new BoundingBox(0, 0, width, height);

        for (String id : List.of("#branchName", "#language", "#title", "#service-A", "#servicesScroll")) {
            assertInside(robot, id, window);
        }
        Labeled language = robot.lookup("#language").queryAs(Labeled.class);
        assertThat(language.getWidth()).as("language button text shown whole")
                .isGreaterThanOrEqualTo(language.prefWidth(-1) - 0.5);
        writeSnapshot((int) width, (int) height);

        // The five taps at once: the gesture and its 3 s window are KioskScreenTest's; here only the
        // layout counts, and a loaded machine can take longer than 3 s for five robot clicks.
        Node branchName = robot.lookup("#branchName").query();
        robot.interact(() -> {
            for (int i = 0; i < KioskScreen.ADMIN_TAPS; i++) {
                branchName.fireEvent(new MouseEvent(MouseEvent.MOUSE_CLICKED, 1, 1, 1, 1, MouseButton.PRIMARY, 1,
                        false, false, false, false, true, false, false, true, false, true, null));
            }
        });
        await().atMost(WAIT).until(fx(() -> robot.lookup("#pinPad").query().isVisible()));
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : List.of("#pinTitle", "#pin-1", "#pin-0", "#pinOk", "#pinCancel")) {
            assertInside(robot, id, window);
        }
        for (char c : KioskFixture.ADMIN_PIN.toCharArray()) {
            robot.clickOn("#pin-" + c);
        }
        robot.clickOn("#pinOk");
        await().atMost(WAIT).until(fx(() -> robot.lookup("#admin").query().isVisible()));
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : List.of("#adminTitle", "#adminInfo", "#testPrint", "#reprint", "#adminClose", "#exitApp")) {
            assertInside(robot, id, window);
        }
        robot.clickOn("#adminClose");
        await().atMost(WAIT).until(fx(() -> !robot.lookup("#admin").query().isVisible()));
    }

    /** {@code target/kiosk-<w>x<h>.png}, the start screen at that size, for a look by eye. */
    private void writeSnapshot(int width, int height) {
        try {
            WritableImage shot = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get();
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            PixelReader pixels = shot.getPixelReader();
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    image.setRGB(x, y, pixels.getArgb(x, y));
                }
            }
            ImageIO.write(image, "png", Path.of("target", "kiosk-" + width + "x" + height + ".png").toFile());
        } catch (Exception e) {
            throw new AssertionError("snapshot not written", e);
        }
    }

    private static void assertInside(FxRobot robot, String id, Bounds window) {
        Node node = robot.lookup(id).query();
        Bounds bounds = node.localToScene(node.getLayoutBounds());
        assertThat(node.isVisible()).as(id + " visible").isTrue();
        assertThat(bounds.getWidth() > 0 && bounds.getHeight() > 0).as(id + " has a size: " + bounds).isTrue();
        assertThat(window.contains(bounds)).as(id + " " + bounds + " inside the window " + window).isTrue();
    }

    private static void tapBranchName(FxRobot robot, int times) {
        for (int i = 0; i < times; i++) {
            robot.clickOn("#branchName");
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void type(FxRobot robot, String pin) {
        for (char c : pin.toCharArray()) {
            robot.clickOn("#pin-" + c);
        }
        robot.clickOn("#pinOk");
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static List<String> serviceTexts(FxRobot robot, String serviceId) {
        Button b = robot.lookup("#service-" + serviceId).queryButton();
        return robot.from(b).lookup(".label").queryAllAs(Label.class).stream().map(Label::getText).toList();
    }

    private static Callable<Boolean> fx(Callable<Boolean> check) {
        return () -> WaitForAsyncUtils.asyncFx(check).get();
    }
}
