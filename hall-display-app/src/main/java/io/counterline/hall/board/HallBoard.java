package io.counterline.hall.board;

import io.counterline.hall.HallSettings;
import io.counterline.protocol.CallsState;
import io.counterline.protocol.CallsState.Call;
import io.counterline.protocol.DayState;
import io.counterline.protocol.ServicesState;
import io.counterline.protocol.ServicesState.Service;
import io.counterline.protocol.SignageState;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hall display's one model: what the screen shows and which calls are new.
 *
 * <p>It changes only through its actions ({@code apply…}, {@code connection…}), which run one at a
 * time in the order they are called, from any thread (the MQTT client's, the highlight timer's).
 * After each change it hands an immutable {@link BoardSnapshot} to its listeners, and each new
 * call to its new-call listeners, oldest first, on the acting thread and inside the action, so
 * listeners see changes in order. Listeners must return quickly: the screen hands the snapshot to
 * the JavaFX thread, the announcer queues the call.
 *
 * <p>Plain Java rather than JavaFX properties: JavaFX properties bound to a scene may only be
 * changed on the JavaFX thread, which would drag the MQTT thread onto it; a snapshot per action
 * also keeps the view from rendering half an update (a new call without its counter).
 *
 * <p>A call is new when its {@code callId} was not in the previous {@code state/calls}: a recall has
 * a new id and is new again, the same state delivered twice is not. The first state after start
 * is history (the retained calls were announced before this display started) and only shown.
 * A state older than the one shown (a late redelivery) is ignored.
 *
 * <p>"Now calling" is the newest call plus, for {@code calling-seconds} after each new call, the
 * latest call of every other counter (up to {@link #MAX_ALSO_CALLING}): two counters calling at
 * once are both shown large rather than one of them already under "previous". A counter's earlier
 * calls, and calls whose time is over, are listed under "previous". Time counts from when this
 * board saw the call new (the display's clock, not the server's {@code at}).
 */
public final class HallBoard {
    private static final Logger log = LoggerFactory.getLogger(HallBoard.class);
    /** Other counters' calls shown next to the newest one: the screen has room for three in a row. */
    public static final int MAX_ALSO_CALLING = 2;

    private final Duration highlightTime;
    private final Duration callingTime;
    private final int previousCalls;
    private final Delay delay;
    private final List<Consumer<BoardSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Call>> newCallListeners = new CopyOnWriteArrayList<>();

    private CallsState lastCalls;
    private Optional<Call> current = Optional.empty();
    private List<Call> alsoCalling = List.of();
    private List<Call> previous = List.of();
    /** Ids of the calls still within their calling time. */
    private final Set<String> calling = new HashSet<>();
    private boolean highlighted;
    private List<Service> services = List.of();
    private String branchName = "";
    private ZoneId zone = ZoneId.systemDefault();
    private SignageShow signage = SignageShow.NONE;
    // Not connected until told: a display that never reaches the broker must say so.
    private boolean connected;
    private BoardSnapshot snapshot;

    public HallBoard(HallSettings settings, Delay delay) {
        this.highlightTime = settings.highlight();
        this.callingTime = settings.calling();
        this.previousCalls = settings.previousCalls();
        this.delay = delay;
        this.snapshot = build();
    }

    /** Adds a listener and hands it the current snapshot at once, then every later one. */
    public synchronized void subscribe(Consumer<BoardSnapshot> listener) {
        listeners.add(listener);
        listener.accept(snapshot);
    }

    /** Adds a listener for each new call (including recalls), oldest first. */
    public void onNewCall(Consumer<Call> listener) {
        newCallListeners.add(listener);
    }

    public synchronized BoardSnapshot snapshot() {
        return snapshot;
    }

    public synchronized void applyCalls(CallsState state) {
        if (lastCalls != null && state.at().isBefore(lastCalls.at())) {
            log.debug("Ignoring state/calls of {}: older than the one shown ({})", state.at(), lastCalls.at());
            return;
        }
        List<Call> fresh = lastCalls == null ? List.of() : newCalls(lastCalls, state);
        lastCalls = state;
        List<Call> calls = state.calls();
        Optional<Call> newest = calls.stream().findFirst();
        boolean sameCurrent = newest.map(Call::callId).equals(current.map(Call::callId));
        current = newest;
        if (!callingTime.isZero()) {
            for (Call call : fresh) {
                calling.add(call.callId());
                delay.after(callingTime, () -> endCalling(call.callId()));
            }
        }
        arrange();
        if (newest.isPresent() && fresh.contains(newest.get()) && !highlightTime.isZero()) {
            highlighted = true;
            String callId = newest.get().callId();
            delay.after(highlightTime, () -> endHighlight(callId));
        } else if (!sameCurrent) {
            highlighted = false;
        }
        publish();
        for (Call call : fresh) {
            for (Consumer<Call> listener : newCallListeners) {
                deliver(listener, call);
            }
        }
    }

    public synchronized void applyServices(ServicesState state) {
        services = state.services();
        publish();
    }

    public synchronized void applyDay(DayState state) {
        branchName = state.branchName();
        try {
            zone = ZoneId.of(state.zone());
        } catch (DateTimeException e) {
            log.warn("state/day zone '{}' is not a time zone ({}); the clock keeps {}", state.zone(),
                    e.getMessage(), zone);
        }
        publish();
    }

    /** The branch file's content ({@code state/signage} without a schedule). */
    public synchronized void applySignage(SignageState state) {
        applySignage(SignageShow.of(state));
    }

    /** What the signage player decided to show (from the schedule, or the branch file's content). */
    public synchronized void applySignage(SignageShow show) {
        signage = show;
        publish();
    }

    /** The broker is unreachable: everything stays as it was, with a mark saying so. */
    public synchronized void connectionLost() {
        connected = false;
        publish();
    }

    public synchronized void connectionRestored() {
        connected = true;
        publish();
    }

    private synchronized void endCalling(String callId) {
        if (calling.remove(callId) && alsoCalling.stream().anyMatch(c -> c.callId().equals(callId))) {
            arrange();
            publish();
        }
    }

    /**
     * Splits the last {@code state/calls} (newest first) into the newest call, the other counters'
     * latest calls still calling, and the rest.
     */
    private void arrange() {
        List<Call> calls = lastCalls == null ? List.of() : lastCalls.calls();
        List<Call> also = new ArrayList<>();
        List<Call> rest = new ArrayList<>();
        Set<String> countersSeen = new HashSet<>();
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            boolean countersLatest = countersSeen.add(call.counter());
            if (i == 0) {
                continue;
            }
            if (countersLatest && calling.contains(call.callId()) && also.size() < MAX_ALSO_CALLING) {
                also.add(call);
            } else if (rest.size() < previousCalls) {
                rest.add(call);
            }
        }
        alsoCalling = also;
        previous = rest;
        // Calls no longer in the state can never be shown again: forget them.
        Set<String> inState = calls.stream().map(Call::callId).collect(Collectors.toSet());
        calling.retainAll(inState);
    }

    private synchronized void endHighlight(String callId) {
        if (highlighted && current.map(Call::callId).filter(callId::equals).isPresent()) {
            highlighted = false;
            publish();
        }
    }

    /** Calls in {@code next} whose id was not in {@code last}, oldest first (states list newest first). */
    private static List<Call> newCalls(CallsState last, CallsState next) {
        Set<String> seen = last.calls().stream().map(Call::callId).collect(Collectors.toSet());
        List<Call> fresh = new ArrayList<>();
        for (Call call : next.calls()) {
            if (!seen.contains(call.callId())) {
                fresh.add(0, call);
            }
        }
        return fresh;
    }

    private void publish() {
        snapshot = build();
        for (Consumer<BoardSnapshot> listener : listeners) {
            deliver(listener, snapshot);
        }
    }

    private BoardSnapshot build() {
        return new BoardSnapshot(current, alsoCalling, previous, highlighted, services, branchName, zone, signage.lines(),
                signage.slides(), signage.emergency(), connected);
    }

    // A broken listener must not stop the board or the other listeners.
    private static <T> void deliver(Consumer<T> listener, T value) {
        try {
            listener.accept(value);
        } catch (RuntimeException e) {
            log.error("Board listener failed on {}", value, e);
        }
    }
}
