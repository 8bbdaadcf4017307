package io.counterline.caller.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fazecast.jSerialComm.SerialPort;
import com.typesafe.config.ConfigFactory;
import io.counterline.protocol.Health;
import io.counterline.protocol.HealthLevel;
import io.counterline.testing.PtyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the display through a real pseudo-terminal pair; the far end parses frames as a board would. */
class SerialCounterDisplayIT {
    @TempDir
    Path dir;

    private PtyPair pty;
    private FarEnd far;
    private SerialCounterDisplay display;
    private CounterDisplaySettings.Serial settings;

    @BeforeEach
    void start() throws Exception {
        pty = PtyPair.open(dir.resolve("display"), dir.resolve("far"));
        settings = CounterDisplaySettings.from(ConfigFactory.parseString(
                "type = serial\nserial { port = \"" + pty.near + "\", address = 3 }")).serial();
        far = new FarEnd(pty.far, settings.format());
        display = new SerialCounterDisplay(settings);
    }

    @AfterEach
    void stop() throws Exception {
        if (display != null) {
            display.close();
        }
        if (far != null) {
            far.close();
        }
        if (pty != null) {
            pty.stop();
        }
    }

    @Test
    void showCall_ptyPair_farEndReceivesValidFrameForTheCall() {
        display.showCall("A012", "3");

        await().atMost(Duration.ofSeconds(5)).until(() -> !far.reader.frames.isEmpty());
        assertThat(far.reader.frames).containsExactly(new LedFrame(3, "请 A012 号"));
        assertThat(far.reader.broken).isEmpty();
        assertThat(display.health()).isEqualTo(Health.OK);
    }

    @Test
    void showPausedThenIdle_ptyPair_framesArriveInOrder() {
        display.showPaused();
        display.showIdle("欢迎光临");

        await().atMost(Duration.ofSeconds(5)).until(() -> far.reader.frames.size() == 2);
        assertThat(far.reader.texts()).containsExactly("暂停服务", "欢迎光临");
        assertThat(far.reader.broken).isEmpty();
    }

    @Test
    void showIdle_overLongTextWithControls_cutToAValidFrame() {
        display.showIdle("欢迎光临\r\n本营业厅，请取号等候");

        await().atMost(Duration.ofSeconds(5)).until(() -> !far.reader.frames.isEmpty());
        assertThat(far.reader.texts()).containsExactly("欢迎光临  本营业");
        assertThat(far.reader.broken).isEmpty();
    }

    @Test
    void showCall_ptyGoneThenBack_offlineNamingPortThenRecovers() throws Exception {
        display.showCall("A011", "3");
        await().atMost(Duration.ofSeconds(5)).until(() -> far.reader.frames.size() == 1);
        far.close();
        pty.stop();

        display.showCall("A012", "3");

        assertThat(display.health().level()).isEqualTo(HealthLevel.OFFLINE);
        assertThat(display.health().reason()).contains(pty.near.toString());

        display.showCall("A012", "3"); // retried while still unplugged: stays offline, no exception
        assertThat(display.health().level()).isEqualTo(HealthLevel.OFFLINE);

        pty.start();
        far = new FarEnd(pty.far, settings.format());
        display.showCall("A013", "3");

        assertThat(display.health()).isEqualTo(Health.OK);
        await().atMost(Duration.ofSeconds(5)).until(() -> !far.reader.frames.isEmpty());
        assertThat(far.reader.texts()).containsExactly("请 A013 号");
        assertThat(far.reader.broken).isEmpty();
    }

    /** Reads the far pty on a named thread, until closed. */
    private static final class FarEnd {
        final LedFrameReader reader;
        private final SerialPort port;
        private final Thread thread;
        private volatile boolean running = true;

        FarEnd(Path path, LedFrame.Format format) {
            assertThat(Files.exists(path)).isTrue();
            reader = new LedFrameReader(format);
            port = SerialPort.getCommPort(path.toString());
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
            assertThat(port.openPort()).as("far end %s opens", path).isTrue();
            thread = new Thread(this::read, "far-end-reader");
            thread.start();
        }

        private void read() {
            byte[] buffer = new byte[256];
            while (running) {
                int n = port.readBytes(buffer, buffer.length);
                if (n < 0) {
                    return;
                }
                for (int i = 0; i < n; i++) {
                    reader.accept(buffer[i] & 0xFF);
                }
            }
        }

        void close() throws InterruptedException {
            running = false;
            thread.join(5000);
            port.closePort();
        }
    }
}
