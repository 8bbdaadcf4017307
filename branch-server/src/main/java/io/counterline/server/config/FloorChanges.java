package io.counterline.server.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's changes to the branch file's services and counters: renamed, disabled, services
 * added (with the counters that serve them) and counters added (with their two devices). The
 * engine asks at every ticket, sign-in and state projection (and looks once a second for changes
 * to publish), so a change counts without a restart; the branch file stays the seed. A disabled
 * service issues no tickets (its waiting tickets are still called); nobody signs in at a disabled
 * counter (a teller already there stays until they sign out).
 *
 * <p>Threading: called on the engine thread; must answer at once (no I/O).
 */
public interface FloorChanges {

    /** What the console set for one service or counter: its names now, and whether it is disabled. */
    record Change(String nameZh, String nameEn, boolean disabled) {
    }

    Optional<Change> service(String id);

    Optional<Change> counter(String id);

    /**
     * A service added in the console (not in the branch file), and the counters that serve it.
     *
     * @param counters counter id → priority weight, as a counter's {@code services} in the branch file
     */
    record AddedService(ServiceConfig service, Map<String, Integer> counters) {
    }

    /** Services added in the console, in the order they were added; the file's come first and win. */
    default List<AddedService> addedServices() {
        return List.of();
    }

    /**
     * A counter added in the console (not in the branch file) with its counter caller and rating
     * pad, whose broker secrets only the console holds (as hashes, for the embedded broker).
     */
    record AddedCounter(CounterConfig counter, String caller, String pad) {
    }

    /** Counters added in the console, in the order they were added; the file's come first and win. */
    default List<AddedCounter> addedCounters() {
        return List.of();
    }

    /** No changes: the branch file as it is. */
    FloorChanges NONE = new FloorChanges() {
        @Override
        public Optional<Change> service(String id) {
            return Optional.empty();
        }

        @Override
        public Optional<Change> counter(String id) {
            return Optional.empty();
        }
    };
}
