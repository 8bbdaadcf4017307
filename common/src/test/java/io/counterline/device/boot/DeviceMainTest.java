package io.counterline.device.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceMainTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> events = new ArrayList<>();

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
