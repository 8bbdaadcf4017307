package io.counterline.hall.board;

import io.counterline.protocol.SignageSchedule;
import io.counterline.protocol.SignageState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the hall shows besides the queue, as the signage player decided it: ticker lines, the
 * media rotation, and the emergency notice, which covers the whole screen while present.
 */
public record SignageShow(List<String> lines, List<Slide> slides, Optional<SignageSchedule.Notice> emergency) {
    public static final SignageShow NONE = new SignageShow(List.of(), List.of(), Optional.empty());

    public SignageShow {
        lines = List.copyOf(lines);
        slides = List.copyOf(slides);
    }

    /** The names of the images and videos in the rotation, in order. */
    public List<String> images() {
        return slides.stream().map(Slide::name).toList();
    }

    /** The branch file's content (no schedule): its lines, and its images each for its slide time. */
    public static SignageShow of(SignageState state) {
        Duration each = Duration.ofSeconds(state.slideSeconds());
        return new SignageShow(state.lines(), state.images().stream().map(name -> Slide.image(name, each)).toList(),
                Optional.empty());
    }
}
