package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Retained on {@code state/signage}: hall content.
 *
 * @param lines  the scrolling text lines, shown in turn
 * @param images image names in the hall display's content folder, shown as a slideshow
 * @param slideSeconds how long each image stays
 * @param schedule the approved media schedule from the console; when present the hall display
 *                 plays it (cached by checksum) instead of {@code lines} and {@code images}
 */
public record SignageState(@JsonProperty(required = true) int v, List<String> lines, List<String> images,
                           @JsonProperty(required = true) int slideSeconds, SignageSchedule schedule) {
    /** Content from the branch file only (no schedule). */
    public SignageState(int v, List<String> lines, List<String> images, int slideSeconds) {
        this(v, lines, images, slideSeconds, null);
    }

    public SignageState {
        Check.version(v);
        lines = List.copyOf(Check.present(lines, "lines"));
        images = List.copyOf(Check.present(images, "images"));
        Check.positive(slideSeconds, "slideSeconds");
    }
}
