package io.counterline.hall.board;

import io.counterline.protocol.CallsState.Call;
import io.counterline.protocol.ServicesState.Service;
import io.counterline.protocol.SignageSchedule;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Everything the hall screen shows, as one immutable value: the board hands a new snapshot to its
 * listeners after each action, so a view on another thread always renders a consistent whole.
 *
 * @param current      the newest call, shown largest, absent before the first call of the day
 * @param alsoCalling  other counters' latest calls still "now calling" next to it, newest first,
 *                     at most {@link HallBoard#MAX_ALSO_CALLING}
 * @param previous     earlier calls (neither current nor also calling), newest first, at most
 *                     {@code previous-calls}
 * @param highlighted  whether {@code current} is new enough to be highlighted
 * @param services     every service with its waiting count, in the server's order
 * @param branchName   the branch's name, empty until {@code state/day} arrives
 * @param zone         the branch time zone for the clock
 * @param lines        scrolling text lines, shown in turn
 * @param slides       images and videos in the content folder, shown in turn, each for its time
 * @param emergency    the emergency notice, shown over everything while present
 * @param connected    false while the broker is unreachable (the board keeps its last state)
 */
public record BoardSnapshot(Optional<Call> current, List<Call> alsoCalling, List<Call> previous, boolean highlighted,
                            List<Service> services, String branchName, ZoneId zone,
                            List<String> lines, List<Slide> slides, Optional<SignageSchedule.Notice> emergency,
                            boolean connected) {

    public BoardSnapshot {
        alsoCalling = List.copyOf(alsoCalling);
        previous = List.copyOf(previous);
        services = List.copyOf(services);
        lines = List.copyOf(lines);
        slides = List.copyOf(slides);
    }

    /** The names of the images and videos in the rotation, in order. */
    public List<String> images() {
        return slides.stream().map(Slide::name).toList();
    }
}
