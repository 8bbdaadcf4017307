package io.counterline.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.protocol.DeviceStatus.Vitals;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineVitalsTest {
    @TempDir
    Path dir;

    @Test
    void read_procUptimeAndThermalZone_areParsed_diskFromTheDataFolder() throws Exception {
        Path uptime = Files.writeString(dir.resolve("uptime"), "86461.93 340102.11\n");
        Path thermal = Files.writeString(dir.resolve("temp"), "48312\n");

        Vitals v = new MachineVitals(uptime, dir, thermal).read();

        assertThat(v.uptimeS()).isEqualTo(86_461L);
        assertThat(v.cpuTempC()).isEqualTo(48.3);
        assertThat(v.diskFreeMb()).isEqualTo(Files.getFileStore(dir).getUsableSpace() / (1024 * 1024));
    }

    @Test
    void read_missingOrGarbledFiles_areLeftOutNeverAnError() throws Exception {
        Path garbled = Files.writeString(dir.resolve("garbled"), "not a number\n");
        Path hot = Files.writeString(dir.resolve("hot"), "999000\n"); // a broken sensor: 999 °C

        Vitals missing = new MachineVitals(dir.resolve("absent"), dir.resolve("no-such-folder"), dir.resolve("none"))
                .read();
        Vitals bad = new MachineVitals(garbled, dir, hot).read();

        assertThat(missing).isEqualTo(new Vitals(null, null, null));
        assertThat(bad.uptimeS()).isNull();
        assertThat(bad.cpuTempC()).isNull();
        assertThat(bad.diskFreeMb()).isNotNull();
    }
}
