package io.counterline.kiosk.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.counterline.config.PinHash;
import io.counterline.device.DeviceRuntime;
import io.counterline.kiosk.KioskFixture;
import io.counterline.kiosk.admin.PinCheck;
import io.counterline.kiosk.screen.DeviceInfo;
import io.counterline.kiosk.screen.KioskScreen;
import io.counterline.protocol.EventType;
import io.counterline.protocol.HealthLevel;
import io.counterline.testing.PtyPair;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole kiosk over a real serial printer: the touchscreen, the kiosk node and the ESC/POS
 * driver on one end of a socat pseudo-terminal pair, a printer on the other end that answers
 * {@code DLE EOT} status queries. Paper out at the printer disables the buttons with a notice;
 * paper loaded enables them again, and a touch prints there.
 */
@ExtendWith(ApplicationExtension.class)
class SerialPrinterKioskIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final FakeEscPosPrinter farPrinter = new FakeEscPosPrinter();
    private PtyPair pty;
    private FarEnd farEnd;
    private SlipPrinter printer;
    private KioskFixture kiosk;
    private KioskScreen screen;

    @Start
    void start(Stage stage) throws Exception {
        pty = PtyPair.open(dir);
        farEnd = new FarEnd(pty.far, farPrinter);
        printer = SlipPrinters.open(PrinterSettings.from(ConfigFactory.parseString("""
                link = serial
                serial.baud = 115200
                status-timeout = 300ms
                columns = 32
                """).withValue("serial.port", ConfigValueFactory.fromAnyRef(pty.near.toString()))));
        kiosk = new KioskFixture(dir).start(printer, Optional.empty());
        screen = new KioskScreen(kiosk.node.controller(),
                new PinCheck(PinHash.parse(KioskFixture.ADMIN_PIN_HASH), Clock.systemUTC()),
                new DeviceInfo("kiosk-1", DeviceRuntime.VERSION, "in-memory"), () -> { });
        stage.setScene(new Scene(screen.root(), 1280, 800));
        stage.sizeToScene();
        screen.start();
        stage.show();
    }

    @Stop
    void stop() throws Exception {
        screen.stop();
        kiosk.close();
        printer.close();
        farEnd.close();
        pty.close();
    }

    private static Callable<Boolean> fx(Callable<Boolean> check) {
        return () -> WaitForAsyncUtils.asyncFx(check).get();
    }

    @Test
    void paperOutAtTheSerialPrinter_buttonsDisabledWithNotice_reloaded_enabledAndPrints(FxRobot robot) {
        await().atMost(WAIT).until(fx(() -> robot.lookup("#service-A").tryQuery().isPresent()
                && !robot.lookup("#service-A").queryButton().isDisabled()));

        farPrinter.paperOut = true;

        await().atMost(WAIT).until(fx(() -> robot.lookup("#service-A").queryButton().isDisabled()));
        assertThat(robot.lookup("#notice").query().isVisible()).isTrue();
        assertThat(robot.lookup("#notice").queryAs(Labeled.class).getText()).isEqualTo("暂时无法出票，请联系工作人员");
        assertThat(kiosk.runtime.health().part("printer").level()).isEqualTo(HealthLevel.OFFLINE);
        assertThat(kiosk.runtime.health().part("printer").reason()).contains("paper out");

        farPrinter.paperOut = false;

        await().atMost(WAIT).until(fx(() -> !robot.lookup("#service-A").queryButton().isDisabled()));
        assertThat(robot.lookup("#notice").query().isVisible()).isFalse();
        robot.clickOn("#service-A");
        await().atMost(WAIT).until(() -> kiosk.events(EventType.SLIP_PRINTED).size() == 1);
        EscPosReader printed = farPrinter.printed();
        assertThat(printed.line("A012").height()).as("the number, large").isEqualTo(4);
        assertThat(printed.cuts()).isEqualTo(1);
    }
}
