package io.counterline.server.console;

import io.counterline.protocol.DeviceRole;
import io.counterline.server.config.BranchConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which counter callers sit at which counter: the branch file's, then those of counters added in
 * the console since (a device id of the file always means the file's device). Asked at each use,
 * so a counter added a moment ago is known at once.
 */
final class CounterCallers {
    private final BranchConfig config;
    private final Supplier<Map<String, String>> addedCallerCounters;

    /** @param addedCallerCounters the counter of each counter caller added in the console, by caller id */
    CounterCallers(BranchConfig config, Supplier<Map<String, String>> addedCallerCounters) {
        this.config = config;
        this.addedCallerCounters = addedCallerCounters;
    }

    /** The counter of a counter caller, or empty when {@code device} is not one. */
    Optional<String> counterOf(String device) {
        Optional<BranchConfig.Device> inFile = config.device(device);
        if (inFile.isPresent()) {
            return inFile.filter(d -> d.role() == DeviceRole.COUNTER_CALLER).flatMap(BranchConfig.Device::counter);
        }
        return Optional.ofNullable(addedCallerCounters.get().get(device));
    }

    /** The counter callers at {@code counter}. */
    List<String> at(String counter) {
        List<String> callers = new ArrayList<>();
        config.devices().stream().filter(d -> d.role() == DeviceRole.COUNTER_CALLER
                && d.counter().equals(Optional.of(counter))).forEach(d -> callers.add(d.id()));
        addedCallerCounters.get().forEach((caller, at) -> {
            if (at.equals(counter) && config.device(caller).isEmpty()) {
                callers.add(caller);
            }
        });
        return callers;
    }
}
