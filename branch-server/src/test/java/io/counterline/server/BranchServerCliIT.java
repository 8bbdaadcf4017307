package io.counterline.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.server.testing.JavaProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The branch server's command line as an operator meets it, in a real JVM: {@code --check}, a bad
 * config as one line and exit status 2, and the subcommands taking {@code --config} once.
 */
class BranchServerCliIT {
    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    @Test
    void check_shippedExample_ok0AndNothingStarted() throws Exception {
        Path config = example("");

        Run run = run("--config", config.toString(), "--check");

        assertThat(run.status()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).isEqualTo(config + ": ok\n");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void check_typoInAKey_oneLineNamingFileLineAndKey_status2() throws Exception {
        Path config = example("queue {\n  rolover-hour = 4\n}\n");
        int line = (int) Files.readString(config).lines().count() - 1;

        Run run = run("--config=" + config, "--check");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(config + ":" + line
                + ": queue.rolover-hour: unknown key (did you mean queue.rollover-hour?)\n");
    }

    @Test
    void check_consoleOnEveryAddressWithoutMediaUrl_oneLineNamingTheKey_status2() throws Exception {
        Run run = run("--config", example("console.listen = \"0.0.0.0:8080\"\n").toString(), "--check");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("console.media-url").hasLineCount(1);

        run = run("--config", example("console { listen = \"0.0.0.0:8080\", media-url = \"http://10.0.0.5:8080/media/\" }\n")
                .toString(), "--check");
        assertThat(run.status()).as(run.err()).isEqualTo(0);
    }

    @Test
    void start_valueOutOfRange_oneLine_status2() throws Exception {
        Path config = example("queue.rollover-hour = 24\n");
        int line = (int) Files.readString(config).lines().count();

        Run run = run("--config", config.toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(config + ":" + line + ": queue.rollover-hour: must be 0..23, was 24\n");
    }

    @Test
    void start_missingFile_oneLine_status2() throws Exception {
        Run run = run("--config", dir.resolve("nope.conf").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(dir.resolve("nope.conf") + ": no such file\n");
    }

    @Test
    void start_noConfig_usage_status2() throws Exception {
        Run run = run();

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--config");
    }

    @Test
    void mosquittoFiles_configGivenOnce_writesTheFiles() throws Exception {
        Path config = example("");
        Path out = dir.resolve("mosquitto");

        Run run = run("mosquitto-files", "--config", config.toString(), "--out", out.toString());

        assertThat(run.status()).as(run.err()).isEqualTo(0);
        assertThat(out.resolve("passwd")).exists();
        assertThat(out.resolve("acl")).exists();
    }

    private Path example(String extra) throws IOException {
        Path file = dir.resolve("branch.conf");
        try (InputStream in = BranchServerCliIT.class.getResourceAsStream("/example-branch.conf")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("data-dir = \"data/server\"", "data-dir = \"" + dir.resolve("data") + "\"");
            Files.writeString(file, text + "\n" + extra);
        }
        return file;
    }

    private Run run(String... args) throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = JavaProcess.builder(BranchServerMain.class, List.of(args))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
