package io.counterline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.counterline.caller.CallerSettings;
import io.counterline.caller.recording.RecordingSettings;
import io.counterline.device.DeviceSettings;
import io.counterline.hall.HallConfig;
import io.counterline.kiosk.KioskSettings;
import io.counterline.kiosk.printer.PrinterSettings;
import io.counterline.messaging.BusSettings;
import io.counterline.pad.PadSettings;
import io.counterline.protocol.DeviceRole;
import io.counterline.server.config.BranchConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration templates the packages ship, filled in as provisioning fills them, are read
 * without complaint by the apps' own settings readers (a template an app rejects would leave every
 * new device stopped with status 2).
 */
class ConfigTemplatesTest {
    @TempDir
    Path etc;

    private Config device(String role, String device, String counter) throws IOException {
        return device(role, device, counter, false);
    }

    private Config device(String role, String device, String counter, boolean padScreen) throws IOException {
        String filled = Files.readString(Path.of("packages", role, role + ".conf.template"))
                .replace("@PAD_SCREEN@", Boolean.toString(padScreen))
                .replace("@DEVICE@", device).replace("@BRANCH@", "b001").replace("@ROLE@", role)
                .replace("@BROKER_URI@", "tcp://10.1.2.1:1883").replace("@COUNTER@", counter)
                .replace("@COUNTER_NUMBER@", counter)
                .replace("@ADMIN_PIN_HASH@", "pbkdf2-sha256$10000$WaytYtYeir9YZijq+51IVQ==$GOlx4bmjwVUVrj+4v+8sqD1J4RuG3NvrVSEVx+ah+mw=");
        assertThat(filled).doesNotContain("@");
        Path conf = etc.resolve(role + ".conf");
        Files.writeString(conf, filled);
        Files.writeString(etc.resolve(role + ".secret.conf"), "broker.secret = \"a-device-secret-0001\"\n");
        Config c = ConfigFactory.parseFile(conf.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
                .withFallback(ConfigFactory.defaultReference()).resolve();
        assertThat(BusSettings.from(c.getConfig("broker"), device).uri()).isEqualTo("tcp://10.1.2.1:1883");
        return c;
    }

    @Test
    void kioskTemplate_isReadByTheKiosk() throws IOException {
        Config c = device("kiosk", "kiosk-2", "");
        assertThat(DeviceSettings.from(c, DeviceRole.KIOSK)).isNotNull();
        assertThat(KioskSettings.from(c.getConfig("kiosk"))).isNotNull();
        assertThat(PrinterSettings.from(c.getConfig("printer"))).isNotNull();
    }

    @Test
    void callerTemplate_isReadByTheCaller() throws IOException {
        Config c = device("caller", "caller-3", "c3");
        assertThat(DeviceSettings.from(c, DeviceRole.COUNTER_CALLER)).isNotNull();
        CallerSettings caller = CallerSettings.from(c.getConfig("counter-caller"));
        assertThat(caller.counter()).isEqualTo("c3");
        // Recording ships off, with the real intercom as its source once a site turns it on.
        assertThat(caller.recording().enabled()).isFalse();
        assertThat(caller.recording().source()).isEqualTo(RecordingSettings.Source.ALSA);
        assertThat(caller.recording().serverUrl()).isEmpty();
    }

    @Test
    void padTemplate_isReadByThePad() throws IOException {
        Config c = device("pad", "pad-3", "c3");
        assertThat(DeviceSettings.from(c, DeviceRole.RATING_PAD)).isNotNull();
        assertThat(PadSettings.from(c.getConfig("rating-pad")).screen().enabled()).isFalse();
    }

    @Test
    void padTemplate_asThePadWithItsOwnScreen_isReadByThePad_fullScreenWithPhotos() throws IOException {
        Config c = device("pad", "pad-4", "c4", true);
        io.counterline.pad.screen.ScreenSettings screen = PadSettings.from(c.getConfig("rating-pad")).screen();
        assertThat(screen.enabled()).isTrue();
        assertThat(screen.fullScreen()).isTrue();
        assertThat(screen.photoFolder()).contains(Path.of("/var/lib/counterline/pad/photos"));
    }

    @Test
    void hallTemplate_isReadByTheHallDisplay() throws IOException {
        assertThat(HallConfig.from(device("hall", "hall-2", ""))).isNotNull();
    }

    @Test
    void serverTemplate_withItsDevicesFile_isReadByTheBranchServer() throws IOException {
        Path conf = etc.resolve("server.conf");
        Files.writeString(conf, Files.readString(Path.of("packages/server/server.conf.template"))
                .replace("@BRANCH@", "b001").replace("@BRANCH_NAME@", "Test").replace("@SERVER_SECRET@", "server-secret-0001"));
        assertThat(BranchConfig.load(conf).devices()).isEmpty();
        Files.writeString(etc.resolve("devices.conf"),
                "devices += { id = \"pad-3\", role = rating-pad, counter = \"c1\", secret = \"pad-3-secret-0001\" }\n");
        assertThat(BranchConfig.load(conf).device("pad-3")).isPresent();
    }
}
