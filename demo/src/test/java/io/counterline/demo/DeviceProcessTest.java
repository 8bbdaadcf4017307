package io.counterline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DeviceProcessTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream facts = new ByteArrayOutputStream();
    private final StringWriter errors = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new DeviceProcess(new FactLines(new PrintStream(facts, true,
                StandardCharsets.UTF_8))));
        cli.setErr(new PrintWriter(errors));
        return cli.execute(args);
    }

    @Test
    void run_padWithoutCounter_refusedBeforeStartingAnything() {
        int code = run("--role", "rating-pad", "--device", "pad-1", "--broker", "tcp://127.0.0.1:1",
                "--secret", "s", "--data", dir.toString());

        assertThat(code).isEqualTo(2);
        assertThat(facts.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void run_unknownRole_refusedNamingTheValue() {
        int code = run("--role", "printer", "--device", "p", "--broker", "tcp://127.0.0.1:1", "--secret", "s",
                "--data", dir.toString());

        assertThat(code).isEqualTo(2);
        assertThat(errors.toString()).contains("--role").contains("printer");
    }

    @Test
    void durationConverter_configStyle_parsed() {
        assertThat(new DeviceProcess.DurationConverter().convert("50ms").toMillis()).isEqualTo(50);
        assertThat(new DeviceProcess.DurationConverter().convert("2s").toMillis()).isEqualTo(2000);
    }
}
