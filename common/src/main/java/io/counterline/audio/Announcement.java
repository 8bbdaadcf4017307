package io.counterline.audio;

import java.util.List;
import java.util.Objects;

/**
 * Something to say aloud, in two forms so every driver can speak it: {@code text} for a speech
 * synthesizer ("请 A012 号到 3 号窗口") and {@code segments} naming prerecorded clips in order
 * ("qing", "A", "0", "1", "2", "hao", "dao", "3", "hao-chuangkou").
 *
 * @param chime whether a chime plays before the words
 */
public record Announcement(String text, List<String> segments, boolean chime) {
    public Announcement {
        Objects.requireNonNull(text, "text");
        segments = List.copyOf(Objects.requireNonNull(segments, "segments"));
    }
}
