package io.counterline.server.queue;

import io.counterline.protocol.CallsState;
import io.counterline.protocol.Command;
import io.counterline.protocol.CounterState;
import io.counterline.protocol.DayState;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.ServicesState;
import io.counterline.protocol.SignageState;
import io.counterline.protocol.Topics;
import io.counterline.server.config.BranchConfig;
import io.counterline.server.config.CounterConfig;
import io.counterline.server.config.ServiceConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The retained state devices render, projected from {@link Today}: what a job changed is marked
 * here while the batch runs and sent through {@link Outbound} only after the commit, commands
 * first, then state, so a device that hears its answer finds the state already there. Engine
 * thread only; no store.
 */
final class StateProjection {
    private final Today today;
    private final Outbound out;
    private final Clock clock;
    private final Topics topics;

    private final Set<String> dirtyCounters = new LinkedHashSet<>();
    private final List<Runnable> commands = new ArrayList<>();
    private boolean servicesDirty;
    private boolean callsDirty;
    private boolean dayDirty;
    private List<ServicesState.Service> lastServices = List.of();
    private Map<String, CounterConfig> lastCounters = Map.of();

    StateProjection(Today today, Outbound out, Clock clock) {
        this.today = today;
        this.out = out;
        this.clock = clock;
        this.topics = Topics.of(today.config.branch().id());
    }

    void servicesChanged() {
        servicesDirty = true;
    }

    void callsChanged() {
        callsDirty = true;
    }

    void dayChanged() {
        dayDirty = true;
    }

    void counterChanged(String counter) {
        dirtyCounters.add(counter);
    }

    /** Sends {@code command} after the commit, retained when it must survive the device reconnecting. */
    void command(Command command, boolean retained) {
        commands.add(() -> out.command(command, retained));
    }

    void clearCommand(String device) {
        commands.add(() -> out.clearCommand(device));
    }

    /** How many commands wait for the commit: a failed job drops those it added. */
    int pendingCommands() {
        return commands.size();
    }

    void dropCommandsFrom(int mark) {
        commands.subList(mark, commands.size()).clear();
    }

    /**
     * Marks the services changed when one opened or closed (its hours, or the console disabled it)
     * or was renamed since the last look, and each counter renamed in the console.
     */
    void checkForChanges() {
        List<ServicesState.Service> services = serviceLooks();
        if (!services.equals(lastServices)) {
            lastServices = services;
            servicesDirty = true;
        }
        Map<String, CounterConfig> counters = counterLooks();
        counters.forEach((id, c) -> {
            if (!c.equals(lastCounters.get(id))) {
                dirtyCounters.add(id);
            }
        });
        lastCounters = counters;
    }

    /** Takes the hours and names as they are now, without marking anything (after a load). */
    void rememberWhatIsShown() {
        lastServices = serviceLooks();
        lastCounters = counterLooks();
    }

    /** Each service as a kiosk shows it, without the queue's figures. */
    private List<ServicesState.Service> serviceLooks() {
        LocalTime now = today.localTime(clock.instant());
        return today.services().stream().map(today::named).map(s -> new ServicesState.Service(s.id(),
                s.prefix(), s.nameZh(), s.nameEn(), isOffered(s, now), s.hours(), 0, 0)).toList();
    }

    private Map<String, CounterConfig> counterLooks() {
        Map<String, CounterConfig> m = new HashMap<>();
        today.seats.values().forEach(seat -> m.put(seat.id(), today.named(seat.config)));
        return m;
    }

    /** Open by the hours and not disabled in the console: what kiosks show as open. */
    private boolean isOffered(ServiceConfig s, LocalTime now) {
        return s.isOpenAt(now) && !today.serviceDisabled(s.id());
    }

    /** After a commit: the commands, then what changed. */
    void publishChanges() {
        commands.forEach(Runnable::run);
        commands.clear();
        if (dayDirty) {
            out.state(topics.day(), dayState());
        }
        if (servicesDirty) {
            out.state(topics.services(), servicesState());
        }
        for (String id : dirtyCounters) {
            out.state(topics.counter(id), counterState(today.seats.get(id)));
        }
        if (callsDirty) {
            out.state(topics.calls(), callsState());
        }
        forget();
    }

    /**
     * All of it again: at start, after a failed job, and when the broker lost its retained
     * messages. Commands of the batch go first, as in {@link #publishChanges}.
     */
    void publishAll() {
        commands.forEach(Runnable::run);
        out.state(topics.day(), dayState());
        out.state(topics.services(), servicesState());
        today.seats.values().forEach(s -> out.state(topics.counter(s.id()), counterState(s)));
        out.state(topics.calls(), callsState());
        BranchConfig.SignageConfig sg = today.config.signage();
        out.state(topics.signage(), new SignageState(MessageCodec.VERSION, sg.lines(), sg.images(), sg.slideSeconds()));
        // A broker that restarted without persistence has lost the retained arms too.
        today.arms.open(clock.instant()).forEach(c -> out.command(c, true));
        forget();
    }

    /** Drops what was marked (a batch that did not commit). */
    void forget() {
        commands.clear();
        dirtyCounters.clear();
        servicesDirty = false;
        callsDirty = false;
        dayDirty = false;
    }

    CounterState counterState(CounterSeat seat) {
        CounterConfig named = today.named(seat.config);
        return new CounterState(MessageCodec.VERSION, seat.id(), named.nameZh(), named.nameEn(),
                seat.status, seat.ticket == null ? null : seat.ticket.ref(),
                seat.teller == null ? null : today.tellerRef(seat.teller).orElse(null), seat.pauseReason, seat.since);
    }

    ServicesState servicesState() {
        Instant now = clock.instant();
        LocalTime local = today.localTime(now);
        List<ServicesState.Service> list = new ArrayList<>();
        for (ServiceConfig file : today.services()) {
            ServiceConfig s = today.named(file);
            int n = today.tickets.waitingCount(s.id());
            list.add(new ServicesState.Service(s.id(), s.prefix(), s.nameZh(), s.nameEn(), isOffered(s, local), s.hours(),
                    n, today.estimateSeconds(s.id(), n)));
        }
        return new ServicesState(MessageCodec.VERSION, now, today.day.text(), list);
    }

    CallsState callsState() {
        return new CallsState(MessageCodec.VERSION, clock.instant(), today.calls.list());
    }

    DayState dayState() {
        BranchConfig c = today.config;
        return new DayState(MessageCodec.VERSION, c.branch().id(), c.branch().name(), today.day.text(),
                c.branch().zone().getId(), today.dayBegan());
    }
}
