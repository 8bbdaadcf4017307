package io.counterline.device.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.counterline.device.DeviceRuntime;
import io.counterline.device.DeviceSettings;
import io.counterline.messaging.InMemoryBus;
import io.counterline.protocol.Command;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.DeviceStatus;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceMainTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> events = new CopyOnWriteArrayList<>();

    /** An app whose settings are one number and whose parts note when they close. */
    private final class CountingApp implements DeviceApp<Integer> {
        private final boolean failAfterStart;

        CountingApp(boolean failAfterStart) {
            this.failAfterStart = failAfterStart;
        }

        @Override
        public String name() {
            return "counter";
        }

        @Override
        public Integer read(Config config) {
            int count = config.getInt("counter.count");
            if (count < 1) {
                throw new IllegalArgumentException("counter.count must be at least 1, was " + count);
            }
            return count;
        }

        @Override
        public Config defaults() {
            return ConfigFactory.parseString("counter.count = 1");
        }

        @Override
        public void run(Integer settings, Shutdown shutdown) throws Exception {
            events.add("run " + settings);
            shutdown.add("runtime", () -> events.add("close runtime"));
            shutdown.add("hardware", () -> events.add("close hardware"));
            if (failAfterStart) {
                throw new IllegalStateException("data folder not writable");
            }
        }
    }

    @Test
    void check_goodFile_ok0AndNothingRun() throws Exception {
        Path file = write("counter.count = 3");

        int status = execute(new CountingApp(false), "--config", file.toString(), "--check");

        assertThat(status).isEqualTo(DeviceMain.OK);
        assertThat(out.toString()).isEqualTo(file + ": ok\n");
        assertThat(events).isEmpty();
    }

    @Test
    void run_badValue_oneLineStatus2NothingRun() throws Exception {
        Path file = write("\ncounter.count = 0");

        int status = execute(new CountingApp(false), "--config=" + file);

        assertThat(status).isEqualTo(DeviceMain.BAD_CONFIG);
        assertThat(err.toString()).isEqualTo(file + ":2: counter.count: must be at least 1, was 0\n");
        assertThat(events).isEmpty();
    }

    @Test
    void run_unknownKey_status2() throws Exception {
        Path file = write("counter.cuont = 2");

        int status = execute(new CountingApp(false), "--config", file.toString());

        assertThat(status).isEqualTo(DeviceMain.BAD_CONFIG);
        assertThat(err.toString()).isEqualTo(file + ":1: counter.cuont: unknown key (did you mean counter.count?)\n");
    }

    @Test
    void run_returns_partsClosedInReverseOrderStatus0() throws Exception {
        Path file = write("counter.count = 2");

        int status = execute(new CountingApp(false), "--config", file.toString());

        assertThat(status).isEqualTo(DeviceMain.OK);
        assertThat(events).containsExactly("run 2", "close hardware", "close runtime");
    }

    @Test
    void run_failsWhileStarting_whatStartedIsClosedStatus1() throws Exception {
        Path file = write("counter.count = 2");

        int status = execute(new CountingApp(true), "--config", file.toString());

        assertThat(status).isEqualTo(DeviceMain.START_FAILED);
        assertThat(err.toString()).startsWith("counter not started: java.lang.IllegalStateException: data folder");
        assertThat(events).containsExactly("run 2", "close hardware", "close runtime");
    }

    /**
     * The {@code device.restart} command on the real path: the app's device runtime receives it,
     * calls the app's {@link Shutdown#restart}, every part closes (the runtime's final status is
     * "stopped") and {@link DeviceMain} returns 3, on which the units restart the app. The bus is
     * the in-memory one; the console's side over the embedded broker is FleetBrowserIT.
     */
    @Test
    void run_deviceRestartCommand_partsClosedStatus3() throws Exception {
        InMemoryBus broker = new InMemoryBus();
        Topics topics = Topics.of("b001");
        List<DeviceStatus> statuses = new CopyOnWriteArrayList<>();
        MessageCodec codec = new MessageCodec();
        broker.client("observer").subscribe(topics.status("kiosk-1"),
                (t, p) -> codec.decode(p, DeviceStatus.class).ifAccepted(statuses::add, r -> { }));
        CountDownLatch started = new CountDownLatch(1);
        DeviceApp<DeviceSettings> app = new DeviceApp<>() {
            @Override
            public String name() {
                return "kiosk";
            }

            @Override
            public DeviceSettings read(Config config) {
                return DeviceSettings.from(config, DeviceRole.KIOSK);
            }

            @Override
            public Config defaults() {
                return ConfigFactory.parseString("""
                        device { id = x, branch = b001, data-dir = "%s" }
                        broker { uri = "tcp://127.0.0.1:1", secret = "kiosk-1-secret-0001" }
                        """.formatted(dir));
            }

            @Override
            public void run(DeviceSettings settings, Shutdown shutdown) throws Exception {
                DeviceRuntime runtime = shutdown.add("device runtime", DeviceRuntime.start(settings, Clock.systemUTC(),
                        broker.client(settings.id())));
                runtime.onRestart(shutdown::restart);
                shutdown.add("hardware", () -> events.add("close hardware"));
                started.countDown();
                shutdown.await();
            }
        };
        Path file = write("device.id = kiosk-1");

        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> execute(app, "--config", file.toString()));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        broker.client("server").publish(topics.commands("kiosk-1"), codec.encode(new Command(MessageCodec.VERSION,
                "c-restart-1", "kiosk-1", CommandType.DEVICE_RESTART, Instant.now(),
                JsonNodeFactory.instance.objectNode())), false);

        assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(DeviceMain.RESTART);
        assertThat(events).containsExactly("close hardware");
        assertThat(statuses).last().satisfies(s -> {
            assertThat(s.online()).isFalse();
            assertThat(s.health().reason()).isEqualTo("stopped");
        });
    }

    @Test
    void unknownOption_usageStatus2() {
        int status = execute(new CountingApp(false), "--config", "x", "--confg", "y");

        assertThat(status).isEqualTo(DeviceMain.BAD_CONFIG);
        assertThat(err.toString()).contains("Unknown option").contains("Usage: counter");
    }

    @Test
    void version_printsTheAppAndVersion() {
        int status = execute(new CountingApp(false), "--version");

        assertThat(status).isEqualTo(DeviceMain.OK);
        assertThat(out.toString()).startsWith("Counterline counter ");
    }

    private int execute(DeviceApp<?> app, String... args) {
        return DeviceMain.execute(app, args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("counter.conf");
        Files.writeString(file, text);
        return file;
    }
}
