package io.counterline.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.protocol.CallsState;
import io.counterline.protocol.Command;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.CounterState;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.ServicesState;
import io.counterline.testing.ManualClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What goes out after a commit, projected from memory alone (no store). */
class StateProjectionTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(EngineFixture.MORNING);
    private final List<String> sent = new ArrayList<>();
    private final List<Object> states = new ArrayList<>();
    private Today today;
    private StateProjection projection;

    @BeforeEach
    void setUp() {
        today = new Today(EngineFixture.branchConfig(dir, ""));
        today.day.advanceTo(clock.instant());
        today.resetSeats(clock.instant());
        projection = new StateProjection(today, new Outbound() {
            @Override
            public void state(String topic, Object state) {
                sent.add(topic.substring(topic.indexOf("/state/") + 7));
                states.add(state);
            }

            @Override
            public void command(Command command, boolean retained) {
                sent.add("cmd " + command.id());
            }

            @Override
            public void clearCommand(String device) {
                sent.add("clear " + device);
            }
        }, clock);
    }

    private Command arm(String id) {
        return new Command(MessageCodec.VERSION, id, "pad1", CommandType.RATING_ARM, clock.instant(),
                new MessageCodec().emptyBody());
    }

    @Test
    void publishChanges_commandsFirst_thenOnlyWhatChanged_once() {
        today.tickets.add(new Ticket("b001-20261122-A001", "2026-11-22", "A", 1, "A001", clock.instant(), "k1", false));
        projection.servicesChanged();
        projection.counterChanged("c2");
        projection.command(arm("arm-1"), true);
        projection.publishChanges();
        assertThat(sent).containsExactly("cmd arm-1", "services", "counters/c2");
        assertThat(((ServicesState) states.get(0)).services().get(0).waiting()).isEqualTo(1);
        assertThat(((CounterState) states.get(1)).counter()).isEqualTo("c2");
        sent.clear();
        projection.publishChanges();
        assertThat(sent).as("nothing marked since").isEmpty();
    }

    @Test
    void droppedCommands_ofAFailedJob_areNotSent() {
        projection.command(arm("kept"), true);
        int mark = projection.pendingCommands();
        projection.clearCommand("pad1");
        projection.dropCommandsFrom(mark);
        projection.publishChanges();
        assertThat(sent).containsExactly("cmd kept");
    }

    @Test
    void publishAll_theBatchsCommands_thenEveryTopic_thenTheOpenArms() {
        projection.command(arm("of-the-batch"), true);
        today.arms.armed(arm("open"), clock.instant().plusSeconds(60));
        today.calls.add(new CallsState.Call("call-1", "t", "A001", "c1", "1号窗口", "Counter 1", 0, clock.instant()));
        projection.publishAll();
        assertThat(sent).containsExactly("cmd of-the-batch", "day", "services", "counters/c1", "counters/c2", "counters/c3",
                "counters/c4", "counters/c5", "calls", "signage", "cmd open");
    }
}
