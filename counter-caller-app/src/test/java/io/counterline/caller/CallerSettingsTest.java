package io.counterline.caller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.counterline.audio.AnnouncerSettings;
import io.counterline.caller.display.CounterDisplaySettings;
import io.counterline.device.DeviceSettings;
import io.counterline.gpio.GpioProvider;
import io.counterline.protocol.DeviceRole;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallerSettingsTest {
    private static CallerSettings caller(String hocon) {
        return CallerSettings.from(ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve()
                .getConfig("counter-caller"));
    }

    @Test
    void from_exampleConfig_simulatedHardwareForCounterOne() {
        Config example = ConfigFactory.parseResources("counter-caller-example.conf")
                .withFallback(ConfigFactory.defaultReference()).resolve();

        CallerSettings s = CallerSettings.from(example.getConfig("counter-caller"));
        DeviceSettings device = DeviceSettings.from(example, DeviceRole.COUNTER_CALLER);

        assertThat(device.id()).isEqualTo("caller-1");
        assertThat(s.counter()).isEqualTo("c1");
        assertThat(s.counterNumber()).isEqualTo("1");
        assertThat(s.pauseReasons()).extracting(CallerSettings.PauseReason::zh).containsExactly("午休", "会议", "系统维护");
        assertThat(s.pauseReasons()).extracting(CallerSettings.PauseReason::en)
                .containsExactly("Lunch break", "Meeting", "System maintenance");
        assertThat(s.callButton()).isEmpty();
        assertThat(s.display().type()).isEqualTo(CounterDisplaySettings.Type.SIMULATED);
        assertThat(s.announcer().type()).isEqualTo(AnnouncerSettings.Type.SIMULATED);
        assertThat(s.screen()).isEqualTo(new CallerSettings.Screen(false, 800, 480, true));
    }

    @Test
    void from_pointer_hiddenByDefaultShownForAMouse_anythingElseNamesTheKey() {
        assertThat(caller("counter-caller { counter = c1, counter-number = \"1\" }").screen().hidePointer()).isTrue();
        assertThat(caller("counter-caller { counter = c1, counter-number = \"1\", screen.pointer = shown }").screen()
                .hidePointer()).isFalse();
        assertThat(io.counterline.caller.screen.CallerWindow.options(caller(
                "counter-caller { counter = c1, counter-number = \"1\" }")).hideCursor()).isTrue();
        assertThatThrownBy(() -> caller("counter-caller { counter = c1, counter-number = \"1\", screen.pointer = off }"))
                .hasMessageContaining("counter-caller.screen.pointer").hasMessageContaining("hidden or shown");
    }

    @Test
    void recording_offByDefault_andReadWhenOn() {
        assertThat(caller("counter-caller { counter = c3, counter-number = \"3\" }").recording().enabled()).isFalse();
        var r = caller("""
                counter-caller { counter = c3, counter-number = "3", recording { enabled = true, source = alsa,
                  alsa-device = "plughw:CARD=Device,DEV=0", server-url = "https://branch:8443/", segment-length = 30s,
                  quota = 512MiB, start-notice = spoken } }
                """).recording();
        assertThat(r.enabled()).isTrue();
        assertThat(r.source()).isEqualTo(io.counterline.caller.recording.RecordingSettings.Source.ALSA);
        assertThat(r.serverUrl().orElseThrow().getHost()).isEqualTo("branch");
        assertThat(r.segmentLength()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(r.quotaBytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(r.uploadChunk()).isEqualTo(1024 * 1024);
        assertThat(r.startNotice()).isEqualTo(io.counterline.caller.recording.RecordingSettings.StartNotice.SPOKEN);
    }

    @Test
    void recording_badValues_failNamingTheirKey() {
        String[][] bad = {{"source = usb", "recording.source"}, {"alsa-device = \"hw:1; rm -rf /\"", "alsa-device"},
                {"server-url = \"ftp://x\"", "server-url"}, {"segment-length = 0s", "segment-length"},
                {"segment-length = 11m", "segment-length"}, {"quota = 1KiB", "quota"},
                {"upload-chunk = 2MiB", "upload-chunk"}, {"start-notice = loud", "start-notice"},
                {"retry-initial = 2m, retry-max = 1m", "retry-max"}};
        for (String[] b : bad) {
            assertThatThrownBy(() -> caller("counter-caller { counter = c3, counter-number = \"3\", recording { "
                    + b[0] + " } }")).as(b[0]).isInstanceOf(ConfigException.class).hasMessageContaining(b[1]);
        }
    }

    @Test
    void from_gpioButton_readsProviderAndPins() {
        CallerSettings s = caller("""
                counter-caller { counter = c3, counter-number = "3", services = [A, B], call-button = gpio
                                 gpio { provider = mock, button.pin = 23, led.pin = 24 } }
                """);

        assertThat(s.services()).isEqualTo(List.of("A", "B"));
        assertThat(s.callButton().orElseThrow().provider()).isEqualTo(GpioProvider.MOCK);
        assertThat(s.callButton().orElseThrow().button().button().bcm()).isEqualTo(23);
    }

    @Test
    void pauseReasons_plainStrings_stillAcceptedAsChineseOnly() {
        CallerSettings s = caller("counter-caller { counter = c3, counter-number = \"3\", "
                + "pause-reasons = [\"午休\", { zh = \"会议\", en = Meeting }] }");

        assertThat(s.pauseReasons()).containsExactly(new CallerSettings.PauseReason("午休", null),
                new CallerSettings.PauseReason("会议", "Meeting"));
        assertThat(s.pauseReasons().get(0).label()).isEqualTo("午休");
        assertThat(s.pauseReasons().get(1).label()).isEqualTo("会议 Meeting");
    }

    @Test
    void pauseReasons_badEntries_failNamingTheKey() {
        for (String bad : new String[] {"[{ zh = 会议 }]", "[{ zh = 会议, en = Meeting, fr = Réunion }]",
                "[{ zh = \"\", en = Meeting }]", "[12]", "[[午休]]"}) {
            assertThatThrownBy(() -> caller("counter-caller { counter = c3, counter-number = \"3\", pause-reasons = "
                    + bad + " }")).as(bad).hasMessageContaining("counter-caller.pause-reasons");
        }
    }

    @Test
    void from_badValues_failNamingTheKey() {
        assertThatThrownBy(() -> caller("counter-caller { counter = c3 }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("counter-number");
        assertThatThrownBy(() -> caller("counter-caller { counter = \"c/3\", counter-number = \"3\" }"))
                .hasMessageContaining("counter-caller.counter");
        assertThatThrownBy(() -> caller("counter-caller { counter = c3, counter-number = \"三\" }"))
                .hasMessageContaining("counter-caller.counter-number");
        assertThatThrownBy(() -> caller("counter-caller { counter = c3, counter-number = \"3\", pause-reasons = [] }"))
                .hasMessageContaining("counter-caller.pause-reasons");
        assertThatThrownBy(() -> caller("counter-caller { counter = c3, counter-number = \"3\", call-button = gpio }"))
                .hasMessageContaining("counter-caller.gpio");
        assertThatThrownBy(() -> caller("counter-caller { counter = c3, counter-number = \"3\", call-button = usb }"))
                .hasMessageContaining("counter-caller.call-button");
        assertThatThrownBy(() -> caller("counter-caller { counter = c3, counter-number = \"3\", screen.width = 10 }"))
                .hasMessageContaining("counter-caller.screen.width");
    }
}
