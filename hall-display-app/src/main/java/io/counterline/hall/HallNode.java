package io.counterline.hall;

import io.counterline.audio.Announcer;
import io.counterline.device.DeviceRuntime;
import io.counterline.device.ModelLoop;
import io.counterline.hall.board.HallBoard;
import io.counterline.hall.voice.CallAnnouncer;
import io.counterline.hall.voice.CallPhrasing;
import io.counterline.messaging.MessageBus;
import io.counterline.protocol.CallsState;
import io.counterline.protocol.DayState;
import io.counterline.protocol.ServicesState;
import io.counterline.protocol.SignageState;
import io.counterline.protocol.Topics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hall display without its screen: the board fed from the branch's retained state, and the
 * voice announcing each new call. {@link HallDisplayApp} is a view on {@link #board()}; the demo
 * launcher and tests run it headless.
 *
 * <p>Wiring: {@code state/calls}, {@code state/services}, {@code state/day} and
 * {@code state/signage} go to the board's {@code apply…} actions, connection changes to
 * {@code connectionLost()}/{@code connectionRestored()}; each call the board finds new goes to a
 * {@link CallAnnouncer} that says {@link CallPhrasing}'s announcement. After a reconnect the
 * bus subscribes again and the broker resends the retained state, which brings the board up to
 * date; calls made meanwhile are new to the board and are announced, oldest first, under the
 * backlog rule.
 *
 * <p>Threading: the board changes only on the node's {@link ModelLoop}, thread {@value #THREAD}: the
 * runtime's callbacks hand each state and connection change to it, and the end of a highlight is a
 * delayed action on the same loop, so actions run one at a time in arrival order and the bus
 * dispatch thread never waits for the board. The board's listeners only hand on (the screen to the
 * JavaFX thread, the announcer to its queue).
 */
public final class HallNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HallNode.class);
    // How long close() lets the announcement being played finish: one call said twice fits.
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    public static final String THREAD = "hall";
    /** How long closing lets the board actions already handed in finish (all in memory). */
    private static final Duration LOOP_CLOSE_WAIT = Duration.ofSeconds(2);

    private final ModelLoop<HallBoard> loop;
    private final HallBoard board;
    private final CallAnnouncer voice;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HallNode(HallSettings settings, Announcer announcer) {
        this.board = new HallBoard(settings, this::later);
        this.loop = new ModelLoop<>(THREAD, board, LOOP_CLOSE_WAIT);
        this.voice = new CallAnnouncer(announcer, new CallPhrasing(settings.counterNumbers()),
                settings.backlogThreshold(), CLOSE_WAIT);
        board.onNewCall(voice::enqueue);
    }

    /**
     * Builds the board and the announcer queue and subscribes them to {@code runtime}'s state and
     * connection; returns at once.
     *
     * @param runtime   a started runtime of role {@code HALL_DISPLAY}; borrowed, its owner closes it
     *                  after this node
     * @param announcer the speaker (or a simulator); borrowed, closed by its owner after this node
     */
    public static HallNode start(HallSettings settings, DeviceRuntime runtime, Announcer announcer) {
        HallNode node = new HallNode(settings, announcer);
        node.wire(runtime);
        log.info("hall node started for device {}: {}", runtime.settings().id(), settings);
        return node;
    }

    /** The model the screen shows; it changes only through the runtime's callbacks. */
    public HallBoard board() {
        return board;
    }

    private void wire(DeviceRuntime runtime) {
        runtime.onConnection(new MessageBus.ConnectionListener() {
            @Override
            public void connected() {
                ifOpen(board::connectionRestored);
            }

            @Override
            public void disconnected(String reason) {
                log.warn("broker lost ({}); the hall keeps showing the last state", reason);
                ifOpen(board::connectionLost);
            }
        });
        Topics topics = runtime.topics();
        runtime.onState(topics.calls(), CallsState.class, state -> ifOpen(() -> board.applyCalls(state)));
        runtime.onState(topics.services(), ServicesState.class, state -> ifOpen(() -> board.applyServices(state)));
        runtime.onState(topics.day(), DayState.class, state -> ifOpen(() -> board.applyDay(state)));
        runtime.onState(topics.signage(), SignageState.class, state -> ifOpen(() -> board.applySignage(state)));
    }

    // The runtime has no unsubscribe and may outlive this node (the demo closes them separately):
    // after close the loop drops its callbacks, so they never reach a board whose node is gone.
    private void ifOpen(Runnable action) {
        loop.execute(action);
    }

    // The end of a highlight runs on the loop like every other board action.
    private void later(Duration delay, Runnable action) {
        loop.after(delay, action);
    }

    /**
     * Stops feeding the board (pending highlight ends are dropped), lets the announcement being
     * played finish (up to 10 s) and drops the ones not started. The runtime and announcer stay open.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loop.close();
        voice.close();
        log.info("hall node stopped");
    }
}
