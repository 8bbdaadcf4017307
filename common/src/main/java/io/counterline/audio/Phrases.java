package io.counterline.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The announcements the counter devices make, each as synthesizer text and as the names of
 * prerecorded clips.
 *
 * <p>Ticket numbers are read one character at a time, as branches do ("A 零 一 二"), so
 * "A012" needs only the clips {@code A}–{@code Z} and {@code 0}–{@code 9}. Counter numbers
 * from 1 to 99 are read as Chinese numbers ("三", "十二", "二十", "三十五"), with the extra clip
 * {@code shi} for 十; other counter names are read one character at a time like tickets.
 *
 * <p>Every segment is one of {@link #CLIPS}, so a clip folder that holds them all can say
 * everything; segment names never contain a path separator.
 */
public final class Phrases {
    /** Every clip a clip folder needs to say all phrases, the chime included (each is {@code <name>.wav}). */
    public static final List<String> CLIPS = clips();

    private static final Pattern SPOKEN_ONE_BY_ONE = Pattern.compile("[A-Z0-9]{1,12}");

    private Phrases() {
    }

    /**
     * "请 A012 号到 3 号窗口", with a chime first.
     *
     * @param number the ticket number, letters and digits ("A012"), case-insensitive
     * @param counterNumber the counter's number or short name, letters and digits ("3", "12", "B2")
     * @throws IllegalArgumentException when either holds something other than 1–12 letters or digits
     */
    public static Announcement call(String number, String counterNumber) {
        String ticket = spoken(number, "ticket number");
        String counter = spoken(counterNumber, "counter number");
        List<String> segments = new ArrayList<>();
        segments.add("qing");
        ticket.chars().forEach(c -> segments.add(String.valueOf((char) c)));
        segments.add("hao");
        segments.add("dao");
        segments.addAll(counterSegments(counter));
        segments.add("hao-chuangkou");
        return new Announcement("请 " + ticket + " 号到 " + counter + " 号窗口", segments, true);
    }

    /** "您好", said when a customer arrives at the counter. */
    public static Announcement greeting() {
        return new Announcement("您好", List.of("nin-hao"), false);
    }

    /** "请您对我的服务进行评价", said when the rating pad is armed. */
    public static Announcement rateUs() {
        return new Announcement("请您对我的服务进行评价", List.of("qing-pingjia"), false);
    }

    /** "谢谢，请慢走", said after the customer rated. */
    public static Announcement thanks() {
        return new Announcement("谢谢，请慢走", List.of("xiexie-manzou"), false);
    }

    private static String spoken(String value, String what) {
        String upper = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        if (!SPOKEN_ONE_BY_ONE.matcher(upper).matches()) {
            throw new IllegalArgumentException(what + " must be 1 to 12 letters or digits, was \"" + value + "\"");
        }
        return upper;
    }

    /** 1–9 → "3"; 10 → 十; 12 → 十二; 20 → 二十; 35 → 三十五; anything else one by one. */
    private static List<String> counterSegments(String counter) {
        if (!counter.matches("[1-9][0-9]?")) {
            return counter.chars().mapToObj(c -> String.valueOf((char) c)).toList();
        }
        int n = Integer.parseInt(counter);
        List<String> words = new ArrayList<>();
        if (n >= 10) {
            if (n >= 20) {
                words.add(String.valueOf(n / 10));
            }
            words.add("shi");
        }
        if (n % 10 != 0 || n < 10) {
            words.add(String.valueOf(n % 10));
        }
        return words;
    }

    private static List<String> clips() {
        List<String> all = new ArrayList<>(List.of("chime", "qing", "hao", "dao", "shi", "hao-chuangkou",
                "nin-hao", "qing-pingjia", "xiexie-manzou"));
        for (char c = '0'; c <= '9'; c++) {
            all.add(String.valueOf(c));
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            all.add(String.valueOf(c));
        }
        return List.copyOf(all);
    }
}
