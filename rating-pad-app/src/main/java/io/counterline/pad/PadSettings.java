package io.counterline.pad;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.counterline.audio.AnnouncerSettings;
import io.counterline.pad.keys.PadKeysSettings;
import io.counterline.pad.screen.ScreenSettings;
import io.counterline.protocol.Ids;
import java.time.Duration;
import java.util.Optional;

/**
 * The rating pad's own settings, read once at start from the {@code rating-pad} subtree (the
 * {@code device} and {@code broker} blocks are read by {@code DeviceSettings}):
 *
 * <pre>
 * rating-pad {
 *   counter = c1               # required: the counter this pad stands at
 *   thanks-for = 3s            # thank-you LED and screen
 *   keys { type = gpio, gpio { … } }      # see {@link PadKeysSettings}
 *   announcer { type = espeak }           # optional: absent = no speaker
 *   screen { enabled = true, … }          # optional: see {@link ScreenSettings}
 * }
 * </pre>
 *
 * @param announcer empty when the pad has no speaker
 */
public record PadSettings(String counter, Duration thanksFor, PadKeysSettings keys,
                          Optional<AnnouncerSettings> announcer, ScreenSettings screen) {
    public static final Duration DEFAULT_THANKS_FOR = Duration.ofSeconds(3);

    public PadSettings {
        Ids.require("rating-pad.counter", counter);
    }

    /** @throws ConfigException naming the key (relative to {@code rating-pad}) that is missing or bad */
    public static PadSettings from(Config pad) {
        String counter = pad.getString("counter");
        String problem = Ids.problem(counter);
        if (problem != null) {
            throw new ConfigException.BadValue(pad.getValue("counter").origin(), "counter", problem);
        }
        Duration thanksFor = pad.hasPath("thanks-for") ? pad.getDuration("thanks-for") : DEFAULT_THANKS_FOR;
        if (thanksFor.isNegative() || thanksFor.isZero()) {
            throw new ConfigException.BadValue(pad.getValue("thanks-for").origin(), "thanks-for",
                    "must be positive, was " + thanksFor);
        }
        return new PadSettings(counter, thanksFor,
                PadKeysSettings.from(pad.getConfig("keys"), thanksFor),
                pad.hasPath("announcer") ? Optional.of(AnnouncerSettings.from(pad.getConfig("announcer")))
                        : Optional.empty(),
                pad.hasPath("screen") ? ScreenSettings.from(pad.getConfig("screen")) : ScreenSettings.NONE);
    }
}
