package io.counterline.hall.board;

import java.time.Duration;

/**
 * One image or video of the hall's media rotation.
 *
 * @param name     the file's name in the content folder (e.g. {@code .media/<sha256>})
 * @param video    a video (H.264 MP4, looped until {@code duration}) rather than an image
 * @param duration how long it stays before the next one
 * @param volume   a video's volume, 0 (muted) to 100
 */
public record Slide(String name, boolean video, Duration duration, int volume) {
    public Slide {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a slide stays a positive time, not " + duration);
        }
        if (volume < 0 || volume > 100) {
            throw new IllegalArgumentException("volume must be 0 to 100, was " + volume);
        }
    }

    /** An image from the branch file's list, each for the same time. */
    public static Slide image(String name, Duration duration) {
        return new Slide(name, false, duration, 0);
    }
}
