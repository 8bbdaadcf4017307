package io.counterline.console.fleet;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.counterline.console.auth.Scope;
import io.counterline.protocol.Command;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.DeviceStatus;
import io.counterline.protocol.MessageCodec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The branch's devices as the server knows them: the ones registered in the branch file, and
 * each one's latest retained status from the broker (presence, health, version, clock offset).
 * Nothing is asked of a device: the page shows what its status last said.
 *
 * <p>Threading: {@link #status} is called on the bus's thread, {@link #devices} on a web thread.
 */
public final class Fleet {
    /** More devices than a branch has; a flood of statuses (only devices may publish them) stops here. */
    static final int MAX_DEVICES = 1000;

    /**
     * One device's line.
     *
     * @param counter       its counter (callers, pads), or empty
     * @param registered    in the branch file (a status from an unregistered id is shown, marked)
     * @param status        its latest status, empty until it has sent one
     */
    public record Device(String id, DeviceRole role, Optional<String> counter, boolean registered,
                         Optional<DeviceStatus> status) {
        public boolean online() {
            return status.map(DeviceStatus::online).orElse(false);
        }

        public Optional<Instant> lastStatus() {
            return status.map(DeviceStatus::at);
        }
    }

    private record Registered(DeviceRole role, Optional<String> counter) {
    }

    /** Where a command to a device goes: the host's bus ({@code dev/{device}/cmd}, not retained). */
    public interface Commands {
        /** @throws Exception when it could not be handed to the broker (the page says so) */
        void send(Command command) throws Exception;
    }

    private final Map<String, Registered> registered = new ConcurrentHashMap<>();
    private final Map<String, DeviceStatus> statuses = new ConcurrentHashMap<>();
    private volatile Commands commands;

    /** The host's way to the devices; until it is set, commands are refused. */
    public void commandsVia(Commands commands) {
        this.commands = commands;
    }

    /**
     * Asks a registered kiosk to print its test page ({@code printer.test-page}); the kiosk prints
     * it if it is online (a command is not kept for an offline device).
     *
     * @throws IllegalArgumentException when the id is not a registered kiosk in the scope
     * @throws IllegalStateException when the command could not be sent
     */
    public Command printTestPage(String device, Scope scope, Clock clock) {
        Registered r = registered.get(device);
        if (r == null || r.role() != DeviceRole.KIOSK || !scope.branch()) {
            throw new IllegalArgumentException("'" + device + "' is not a kiosk of this branch in your scope");
        }
        return send(device, CommandType.PRINT_TEST_PAGE, clock);
    }

    /**
     * Asks a registered device of the scope to restart ({@code device.restart}): its app stops
     * cleanly and systemd starts it again, reading its config anew — which is how a device's
     * config is reloaded. An offline device does not get it (a command is not kept).
     *
     * @throws IllegalArgumentException when the id is not a registered device in the scope
     * @throws IllegalStateException when the command could not be sent
     */
    public Command restart(String device, Scope scope, Clock clock) {
        Registered r = registered.get(device);
        if (r == null || !(scope.branch() || r.counter().map(scope::coversCounter).orElse(false))) {
            throw new IllegalArgumentException("'" + device + "' is not a device of this branch in your scope");
        }
        return send(device, CommandType.DEVICE_RESTART, clock);
    }

    private Command send(String device, CommandType type, Clock clock) {
        Commands via = commands;
        if (via == null) {
            throw new IllegalStateException("the console has no connection to the devices");
        }
        Command c = new Command(MessageCodec.VERSION, UUID.randomUUID().toString(), device, type,
                clock.instant(), JsonNodeFactory.instance.objectNode());
        try {
            via.send(c);
        } catch (Exception e) {
            throw new IllegalStateException("not sent to " + device + ": " + e.getMessage(), e);
        }
        return c;
    }

    /** A device from the branch file, listed even before it has ever connected. */
    public void register(String id, DeviceRole role, Optional<String> counter) {
        registered.put(id, new Registered(role, counter));
    }

    /**
     * A device's retained status (a later one replaces it). Beyond {@value #MAX_DEVICES} ids, the
     * statuses of new unregistered ids are dropped; the branch file's devices are always taken.
     */
    public void status(DeviceStatus s) {
        if (statuses.size() >= MAX_DEVICES && !statuses.containsKey(s.device()) && !registered.containsKey(s.device())) {
            return;
        }
        statuses.put(s.device(), s);
    }

    /**
     * The devices the scope covers, by role then id: the whole branch, or only the devices of the
     * scope's counters (kiosks and hall displays belong to no counter).
     */
    public List<Device> devices(Scope scope) {
        List<Device> all = new ArrayList<>();
        registered.forEach((id, r) -> all.add(new Device(id, r.role(), r.counter(), true,
                Optional.ofNullable(statuses.get(id)))));
        statuses.forEach((id, s) -> {
            if (!registered.containsKey(id)) {
                all.add(new Device(id, s.role(), Optional.empty(), false, Optional.of(s)));
            }
        });
        return all.stream().filter(d -> scope.branch() || d.counter().map(scope::coversCounter).orElse(false))
                .sorted(Comparator.comparing((Device d) -> d.role().wire()).thenComparing(Device::id)).toList();
    }
}
