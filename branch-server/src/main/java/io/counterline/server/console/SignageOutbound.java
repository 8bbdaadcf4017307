package io.counterline.server.console;

import io.counterline.protocol.SignageSchedule;
import io.counterline.protocol.SignageState;
import io.counterline.server.queue.Outbound;
import java.util.Optional;

/**
 * Puts the console's approved hall media schedule into the retained {@code state/signage}: the
 * engine publishes the branch file's lines and images (at start and after a broker restart) and
 * this adds the schedule to them; an approval or an emergency notice republishes at once. One
 * lock orders both, so the newest schedule is always the one retained.
 */
public final class SignageOutbound extends StateTap {
    private final String topic;
    private SignageState fromBranchFile;
    private Optional<SignageSchedule> schedule = Optional.empty();

    public SignageOutbound(Outbound next, String signageTopic) {
        super(next);
        this.topic = signageTopic;
    }

    @Override
    public synchronized void state(String stateTopic, Object state) {
        if (stateTopic.equals(topic) && state instanceof SignageState s) {
            fromBranchFile = s;
            publish();
        } else {
            next.state(stateTopic, state);
        }
    }

    /** The console's current schedule (empty: nothing approved and no emergency notice). */
    public synchronized void schedule(Optional<SignageSchedule> current) {
        schedule = current;
        if (fromBranchFile != null) { // else the engine's first publication carries it
            publish();
        }
    }

    private void publish() {
        SignageState base = fromBranchFile;
        next.state(topic, new SignageState(base.v(), base.lines(), base.images(), base.slideSeconds(),
                schedule.orElse(null)));
    }
}
