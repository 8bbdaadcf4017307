package io.counterline.caller;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.counterline.audio.AnnouncerSettings;
import io.counterline.audio.Phrases;
import io.counterline.caller.button.CallButtonSettings;
import io.counterline.caller.display.CounterDisplaySettings;
import io.counterline.gpio.GpioProvider;
import io.counterline.protocol.Ids;
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
 * @param pauseReasons  the reasons a teller picks from when pausing, 1 to 9 (keypad digits 1-9)
 * @param greeting      whether "您好" is said when service of a called customer starts
 * @param screen        the window
 * @param display       the LED counter display
 * @param callButton    the call button on GPIO, or empty for the simulated one
 * @param announcer     the speaker
 */
public record CallerSettings(String counter, String counterNumber, List<String> services, List<String> pauseReasons,
                             boolean greeting, Screen screen, CounterDisplaySettings display,
                             Optional<GpioButton> callButton, AnnouncerSettings announcer) {

    /** Longest pause reason the protocol carries ({@code Bodies.Pause}). */
    static final int MAX_REASON_LENGTH = 40;
    static final int MAX_PAUSE_REASONS = 9;

    /** Full screen without exit hint (the counter's touchscreen), or a window of width × height. */
    public record Screen(boolean fullScreen, int width, int height) {
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
        List<String> reasons = c.getStringList("pause-reasons").stream().map(String::strip).toList();
        if (reasons.isEmpty() || reasons.size() > MAX_PAUSE_REASONS
                || reasons.stream().anyMatch(r -> r.isEmpty() || r.length() > MAX_REASON_LENGTH)) {
            throw new ConfigException.BadValue(c.origin(), "counter-caller.pause-reasons",
                    "must list 1 to " + MAX_PAUSE_REASONS + " reasons of 1 to " + MAX_REASON_LENGTH
                            + " characters, was " + reasons);
        }
        Screen screen = new Screen(c.getBoolean("screen.full-screen"), inRange(c, "screen.width", 320, 7680),
                inRange(c, "screen.height", 240, 4320));
        return new CallerSettings(counter, counterNumber.strip().toUpperCase(Locale.ROOT), services, reasons,
                c.getBoolean("greeting"), screen, CounterDisplaySettings.from(c.getConfig("display")),
                callButton(c), AnnouncerSettings.from(c.getConfig("announcer")));
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
}
