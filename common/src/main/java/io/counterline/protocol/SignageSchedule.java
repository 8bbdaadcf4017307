package io.counterline.protocol;

import java.util.List;
import java.util.Set;

/**
 * The approved hall media schedule, carried in {@code state/signage} (docs/hall-display.md,
 * "Scheduled media"). Content is named by its SHA-256; the hall display fetches it from
 * {@code mediaUrl + sha256} and checks the checksum before showing it. The display evaluates the
 * windows itself, in {@code zone}, so it goes on following the schedule while the server is away.
 *
 * @param revision  the approval this schedule is (increasing; 0 = none yet, only an emergency notice)
 * @param mediaUrl  where content is fetched, ending in "/" (e.g. {@code http://10.0.0.5:8080/media/})
 * @param zone      the branch time zone the windows are in
 * @param playlists every approved playlist; the one shown is the highest priority active for the display
 * @param emergency when present, shown instead of everything else on every hall display
 */
public record SignageSchedule(long revision, String mediaUrl, String zone, List<Playlist> playlists,
                              Notice emergency) {
    /** At most this many playlists and items per playlist (the whole state must fit the 16 KiB payload limit). */
    public static final int MAX_PLAYLISTS = 20;
    public static final int MAX_ITEMS = 50;
    private static final Set<String> WEEKDAYS = Set.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    public SignageSchedule {
        if (revision < 0) { // 0: nothing approved yet, only an emergency notice
            throw new InvalidMessageException(Rejection.Reason.INVALID_FIELD, "revision must not be negative");
        }
        Check.text(mediaUrl, "mediaUrl", 200);
        if (!mediaUrl.matches("https?://[^\\s]+/")) {
            throw new InvalidMessageException(Rejection.Reason.INVALID_FIELD, "mediaUrl must be http(s)://…/");
        }
        Check.text(zone, "zone", 64);
        playlists = List.copyOf(Check.present(playlists, "playlists"));
        if (playlists.size() > MAX_PLAYLISTS) {
            throw new InvalidMessageException(Rejection.Reason.INVALID_FIELD, "more than " + MAX_PLAYLISTS + " playlists");
        }
    }

    /**
     * A playlist and when it applies. Empty {@code targets} = every hall display; empty
     * {@code weekdays} = every day; null {@code from}/{@code to} (dates, inclusive) = no bound;
     * null {@code start}/{@code end} ({@code HH:mm}, end exclusive) = all day. The default playlist
     * is the one with priority 0 and no conditions. {@code slideSeconds} is how long an image or
     * video stays unless the item says otherwise.
     */
    public record Playlist(String id, int priority, List<String> targets, List<String> weekdays, String from,
                           String to, String start, String end, int slideSeconds, List<Item> items) {
        public Playlist {
            Check.id(id, "playlist id");
            Check.notNegative(priority, "priority");
            targets = List.copyOf(targets == null ? List.of() : targets);
            targets.forEach(t -> Check.id(t, "target"));
            weekdays = List.copyOf(weekdays == null ? List.of() : weekdays);
            for (String d : weekdays) {
                if (!WEEKDAYS.contains(d)) {
                    throw new InvalidMessageException(Rejection.Reason.INVALID_FIELD, "weekday " + d + " is not MON..SUN");
                }
            }
            pattern(from, "from", "\\d{4}-\\d{2}-\\d{2}");
            pattern(to, "to", "\\d{4}-\\d{2}-\\d{2}");
            pattern(start, "start", "\\d{2}:\\d{2}");
            pattern(end, "end", "\\d{2}:\\d{2}");
            Check.positive(slideSeconds, "slideSeconds");
            items = List.copyOf(Check.present(items, "items"));
            if (items.size() > MAX_ITEMS) {
                throw new InvalidMessageException(Rejection.Reason.INVALID_FIELD, "more than " + MAX_ITEMS + " items");
            }
        }
    }

    /**
     * One piece of content: an image or a video fetched by checksum, or a text notice (zh and en)
     * shown on the ticker, which needs no download.
     *
     * @param type    {@code image}, {@code video} (H.264 in MP4) or {@code notice}
     * @param sha256  lower-case hex checksum of the file; null for a notice
     * @param size    the file's size in bytes (the download is refused beyond it); 0 for a notice
     * @param seconds how long the image or video stays (a video loops until then), 1 to
     *                {@link #MAX_SECONDS}; null or 0 = the playlist's {@code slideSeconds}
     * @param volume  a video's volume, 0 (muted) to 100; null = muted
     */
    public record Item(String type, String sha256, long size, String zh, String en, Integer seconds, Integer volume) {
        public static final int MAX_SECONDS = 3600;

        /** An image or notice shown for the playlist's slide time (and a muted video). */
        public Item(String type, String sha256, long size, String zh, String en) {
            this(type, sha256, size, zh, en, 0, 0);
        }

        public Item {
            Check.present(type, "type");
            seconds = seconds == null ? 0 : seconds;
            volume = volume == null ? 0 : volume;
            if (seconds < 0 || seconds > MAX_SECONDS) {
                throw new InvalidMessageException(Rejection.Reason.INVALID_FIELD, "seconds must be 0 to " + MAX_SECONDS);
            }
            if (volume < 0 || volume > 100) {
                throw new InvalidMessageException(Rejection.Reason.INVALID_FIELD, "volume must be 0 to 100");
            }
            switch (type) {
                case "image", "video" -> {
                    pattern(Check.present(sha256, "sha256"), "sha256", "[0-9a-f]{64}");
                    Check.positive(size, "size");
                }
                case "notice" -> {
                    Check.text(zh, "zh", 500);
                    Check.text(en, "en", 500);
                }
                default -> throw new InvalidMessageException(Rejection.Reason.INVALID_FIELD,
                        "item type " + type + " is not image, video or notice");
            }
        }

        /** Whether this item is a file fetched by checksum (an image or a video). */
        public boolean fetched() {
            return sha256 != null;
        }
    }

    /** The emergency notice in both languages, and since when. */
    public record Notice(String zh, String en, String since) {
        public Notice {
            Check.text(zh, "zh", 500);
            Check.text(en, "en", 500);
            Check.text(since, "since", 40);
        }
    }

    private static void pattern(String value, String field, String regex) {
        if (value != null && !value.matches(regex)) {
            throw new InvalidMessageException(Rejection.Reason.INVALID_FIELD, field + " '" + value + "' is not " + regex);
        }
    }
}
