package io.counterline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.device.boot.DeviceMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console's restart (= reload config) is the app exiting with {@link DeviceMain#RESTART}:
 * every device unit the packages ship must start the app again on that status, and still not on
 * a bad config ({@link DeviceMain#BAD_CONFIG}).
 */
class UnitRestartTest {
    @ParameterizedTest
    @ValueSource(strings = {"kiosk/counterline-kiosk.service", "caller/counterline-caller.service",
            "pad/counterline-pad.service", "pad/counterline-pad-screen.service", "hall/counterline-hall.service"})
    void deviceUnit_restartsOnTheRestartStatus_notOnABadConfig(String unit) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("packages").resolve(unit));

        assertThat(value(lines, "Restart")).isIn("always", "on-failure");
        assertThat(statuses(lines, "SuccessExitStatus")).doesNotContain(Integer.toString(DeviceMain.RESTART));
        assertThat(statuses(lines, "RestartPreventExitStatus")).doesNotContain(Integer.toString(DeviceMain.RESTART))
                .contains(Integer.toString(DeviceMain.BAD_CONFIG));
    }

    private static String value(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1).strip())
                .reduce((a, b) -> b).orElse("");
    }

    private static List<String> statuses(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key + "="))
                .flatMap(l -> Stream.of(l.substring(key.length() + 1).strip().split("\\s+"))).toList();
    }
}
