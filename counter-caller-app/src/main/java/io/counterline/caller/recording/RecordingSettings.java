package io.counterline.caller.recording;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.counterline.messaging.Backoff;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code counter-caller.recording} block (docs/recording.md, "On the counter").
 *
 * @param enabled        whether this counter records at all
 * @param source         where the audio comes from
 * @param alsaDevice     the intercom's ALSA capture device for {@code arecord -D} ("plughw:CARD=Device,DEV=0")
 * @param simulatedText  what the simulated teller and customer say (spoken once at start by espeak-ng)
 * @param serverUrl      base of the branch console (http:// or https://, which trusts what
 *                       {@code broker.trust-store} trusts, else the JDK's CAs); empty: segments wait on disk
 * @param segmentLength  a recording is cut into closed segments of this length
 * @param quotaBytes     most bytes the waiting segments may take on disk; recording pauses at it
 * @param uploadChunk    bytes per PATCH (the contract allows at most 1 MiB)
 * @param uploadBackoff  waits between failed upload attempts
 * @param startNotice    what plays when a recording starts (consent rules)
 */
public record RecordingSettings(boolean enabled, Source source, String alsaDevice, String simulatedText,
                                Optional<URI> serverUrl, Duration segmentLength,
                                long quotaBytes, int uploadChunk, Backoff uploadBackoff, StartNotice startNotice) {
    public static final int MAX_CHUNK = 1024 * 1024;
    public static final long MIN_QUOTA = 64 * 1024;
    private static final Pattern ALSA_NAME = Pattern.compile("[A-Za-z0-9_:,=.\\-]{1,80}");

    public enum Source { SIMULATED, ALSA }

    public enum StartNotice { OFF, TONE, SPOKEN }

    /** Recording off; nothing else is read. */
    public static RecordingSettings disabled() {
        return new RecordingSettings(false, Source.SIMULATED, "default", "", Optional.empty(),
                Duration.ofSeconds(60), MIN_QUOTA, MAX_CHUNK, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)),
                StartNotice.OFF);
    }

    /** Reads {@code counter-caller.recording}; a bad value fails naming its key. */
    public static RecordingSettings from(Config c) {
        String prefix = "counter-caller.recording.";
        Source source = choice(c, "source", Source.class, prefix);
        String alsa = c.getString("alsa-device");
        if (!ALSA_NAME.matcher(alsa).matches()) {
            throw new ConfigException.BadValue(c.origin(), prefix + "alsa-device",
                    "must be an ALSA device name such as plughw:CARD=Device,DEV=0, was \"" + alsa + "\"");
        }
        String text = c.getString("simulated-text").strip();
        if (text.isEmpty() || text.length() > 200) {
            throw new ConfigException.BadValue(c.origin(), prefix + "simulated-text", "must be 1 to 200 characters");
        }
        String url = c.getString("server-url").strip();
        Optional<URI> server = Optional.empty();
        if (!url.isEmpty()) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new ConfigException.BadValue(c.origin(), prefix + "server-url", e.getMessage());
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException.BadValue(c.origin(), prefix + "server-url",
                        "must be http://host:port or https://host:port, was " + url);
            }
            server = Optional.of(uri);
        }
        Duration segment = c.getDuration("segment-length");
        if (segment.compareTo(Duration.ofSeconds(1)) < 0 || segment.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigException.BadValue(c.origin(), prefix + "segment-length", "must be 1s to 10m, was " + segment);
        }
        long quota = c.getBytes("quota");
        if (quota < MIN_QUOTA) {
            throw new ConfigException.BadValue(c.origin(), prefix + "quota", "must be at least 64KiB, was " + quota);
        }
        long chunk = c.getBytes("upload-chunk");
        if (chunk < 4096 || chunk > MAX_CHUNK) {
            throw new ConfigException.BadValue(c.origin(), prefix + "upload-chunk", "must be 4KiB to 1MiB, was " + chunk);
        }
        Duration initial = c.getDuration("retry-initial");
        Duration max = c.getDuration("retry-max");
        if (initial.toMillis() < 10 || max.compareTo(initial) < 0 || max.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigException.BadValue(c.origin(), prefix + "retry-max",
                    "needs 10ms <= retry-initial <= retry-max <= 1h, was " + initial + " and " + max);
        }
        return new RecordingSettings(c.getBoolean("enabled"), source, alsa, text, server,
                segment, quota, (int) chunk,
                new Backoff(initial, max), choice(c, "start-notice", StartNotice.class, prefix));
    }

    private static <E extends Enum<E>> E choice(Config c, String key, Class<E> type, String prefix) {
        String value = c.getString(key);
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new ConfigException.BadValue(c.origin(), prefix + key, "must be one of "
                + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT) + ", was " + value);
    }
}
