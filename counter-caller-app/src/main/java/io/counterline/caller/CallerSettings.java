package io.counterline.caller;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.counterline.audio.AnnouncerSettings;
import io.counterline.audio.Phrases;
import io.counterline.caller.button.CallButtonSettings;
import io.counterline.caller.display.CounterDisplaySettings;
import io.counterline.caller.recording.RecordingSettings;
import io.counterline.gpio.GpioProvider;
import io.counterline.protocol.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The counter caller's settings, read once at start from the {@code counter-caller} subtree
 * (defaults in this module's {@code reference.conf}; see docs/counter-caller.md).
 *
 * @param counter       the counter this caller is bound to; must be the server's binding for this device
 * @param counterNumber how the voice names the counter: "请 A012 号到 {counterNumber} 号窗口"
 * @param services      services whose waiting counts the screen shows; empty shows every service
 * @param pauseReasons  the reasons a teller picks from when pausing, 1 to 9 (keypad digits 1-9), in
 *                      Chinese and English
 * @param greeting      whether "您好" is said when service of a called customer starts
 * @param screen        the window
 * @param display       the LED counter display
 * @param callButton    the call button on GPIO, or empty for the simulated one
 * @param announcer     the speaker
 * @param recording     the intercom recording (docs/recording.md)
 */
public record CallerSettings(String counter, String counterNumber, List<String> services, List<PauseReason> pauseReasons,
                             boolean greeting, Screen screen, CounterDisplaySettings display,
                             Optional<GpioButton> callButton, AnnouncerSettings announcer,
                             RecordingSettings recording) {

    /** Longest pause reason the protocol carries ({@code Bodies.Pause}). */
    static final int MAX_REASON_LENGTH = 40;
    static final int MAX_PAUSE_REASONS = 9;

    /**
     * A pause reason: {@code zh} is what the server stores and shows; {@code en} is null when the
     * config gives the reason as a plain string (the older, Chinese-only form).
     */
    public record PauseReason(String zh, String en) {
        /** On the screen, which shows both languages side by side. */
        public String label() {
            return en == null ? zh : zh + " " + en;
        }
    }

    /**
     * Full screen without exit hint (the counter's touchscreen), or a window of width × height.
     *
     * @param hidePointer in full screen, no mouse pointer over the touchscreen ({@code screen.pointer
     *                    = hidden}, the default; {@code shown} for a counter that has a mouse)
     */
    public record Screen(boolean fullScreen, int width, int height, boolean hidePointer) {
    }

    /** The call button on the Pi's GPIO, with the Pi4J provider that drives it. */
    public record GpioButton(GpioProvider provider, CallButtonSettings button) {
    }

    public CallerSettings {
        services = List.copyOf(services);
        pauseReasons = List.copyOf(pauseReasons);
    }

    /** Reads a {@code counter-caller} subtree; a bad value fails naming its key. */
    public static CallerSettings from(Config c) {
        String counter = c.getString("counter");
        String problem = Ids.problem(counter);
        if (problem != null) {
            throw new ConfigException.BadValue(c.origin(), "counter-caller.counter", problem);
        }
        String counterNumber = c.getString("counter-number");
        try {
            Phrases.call("A001", counterNumber);
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(c.origin(), "counter-caller.counter-number", e.getMessage());
        }
        List<String> services = c.getStringList("services");
        for (String s : services) {
            if (!Ids.isValid(s)) {
                throw new ConfigException.BadValue(c.origin(), "counter-caller.services",
                        "'" + s + "' is not a service id");
            }
        }
        List<PauseReason> reasons = pauseReasons(c);
        Screen screen = new Screen(c.getBoolean("screen.full-screen"), inRange(c, "screen.width", 320, 7680),
                inRange(c, "screen.height", 240, 4320), hidePointer(c));
        return new CallerSettings(counter, counterNumber.strip().toUpperCase(Locale.ROOT), services, reasons,
                c.getBoolean("greeting"), screen, CounterDisplaySettings.from(c.getConfig("display")),
                callButton(c), AnnouncerSettings.from(c.getConfig("announcer")),
                RecordingSettings.from(c.getConfig("recording")));
    }

    /** Each reason is {@code "午休"} (Chinese only) or {@code { zh = "午休", en = "Lunch break" }}. */
    private static List<PauseReason> pauseReasons(Config c) {
        String key = "counter-caller.pause-reasons";
        String rule = "must list 1 to " + MAX_PAUSE_REASONS + " reasons, each \"words\" or { zh = \"…\", en = \"…\" }"
                + " of 1 to " + MAX_REASON_LENGTH + " characters";
        ConfigList list = c.getList("pause-reasons");
        if (list.isEmpty() || list.size() > MAX_PAUSE_REASONS) {
            throw new ConfigException.BadValue(list.origin(), key, rule + ", was " + list.size() + " reasons");
        }
        List<PauseReason> reasons = new ArrayList<>();
        for (ConfigValue v : list) {
            PauseReason reason = null;
            if (v.valueType() == ConfigValueType.STRING) {
                String zh = words(v);
                reason = zh == null ? null : new PauseReason(zh, null);
            } else if (v instanceof ConfigObject o && o.containsKey("zh") && o.containsKey("en") && o.size() == 2) {
                String zh = words(o.get("zh"));
                String en = words(o.get("en"));
                reason = zh == null || en == null ? null : new PauseReason(zh, en);
            }
            if (reason == null) {
                throw new ConfigException.BadValue(v.origin(), key, rule + ", was " + v.render(ConfigRenderOptions.concise()));
            }
            reasons.add(reason);
        }
        return reasons;
    }

    /** The stripped text of a string of 1 to {@link #MAX_REASON_LENGTH} characters, else null. */
    private static String words(ConfigValue v) {
        if (v.valueType() != ConfigValueType.STRING) {
            return null;
        }
        String text = ((String) v.unwrapped()).strip();
        return text.isEmpty() || text.length() > MAX_REASON_LENGTH ? null : text;
    }

    private static Optional<GpioButton> callButton(Config c) {
        String type = c.getString("call-button");
        switch (type) {
            case "simulated":
                return Optional.empty();
            case "gpio":
                if (!c.hasPath("gpio")) {
                    throw new ConfigException.Missing(c.origin(), "counter-caller.gpio (required when call-button = gpio)");
                }
                Config gpio = c.getConfig("gpio");
                return Optional.of(new GpioButton(GpioProvider.from(gpio), CallButtonSettings.from(gpio)));
            default:
                throw new ConfigException.BadValue(c.origin(), "counter-caller.call-button",
                        "must be gpio or simulated, was " + type);
        }
    }

    private static int inRange(Config c, String key, int min, int max) {
        int value = c.getInt(key);
        if (value < min || value > max) {
            throw new ConfigException.BadValue(c.origin(), "counter-caller." + key,
                    "must be " + min + " to " + max + ", was " + value);
        }
        return value;
    }

    private static boolean hidePointer(Config c) {
        String pointer = c.getString("screen.pointer");
        return switch (pointer) {
            case "hidden" -> true;
            case "shown" -> false;
            default -> throw new ConfigException.BadValue(c.origin(), "counter-caller.screen.pointer",
                    "'" + pointer + "' is not hidden or shown");
        };
    }
}
