package io.counterline.kiosk.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.config.PinHash;
import io.counterline.device.DeviceRuntime;
import io.counterline.kiosk.KioskFixture;
import io.counterline.kiosk.admin.PinCheck;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.image.PixelReader;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.image.WritableImage;
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
 * The touchscreen from the smallest panel it supports (800×480, the 7" Pi display) to a 1080p
 * screen: the header (branch name, the admin entry, and the language button), the services and
 * the admin PIN pad and screen are all on screen, inside the window.
 */
@ExtendWith(ApplicationExtension.class)
class KioskScreenSizesTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private KioskFixture kiosk;
    private KioskScreen screen;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        kiosk = new KioskFixture(dir).start();
        screen = new KioskScreen(kiosk.node.controller(),
                new PinCheck(PinHash.parse(KioskFixture.ADMIN_PIN_HASH), Clock.systemUTC()),
                new DeviceInfo("kiosk-1", DeviceRuntime.VERSION, "tcp://127.0.0.1:1883"), () -> { });
        stage.setScene(new Scene(screen.root(), 1280, 800));
        stage.sizeToScene();
        screen.start();
        stage.show();
    }

    @Stop
    void stop() {
        screen.stop();
        kiosk.close();
    }

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

    private static Callable<Boolean> fx(Callable<Boolean> check) {
        return () -> WaitForAsyncUtils.asyncFx(check).get();
    }
}
