package io.counterline.server.config;

import java.util.Optional;

/**
 * The console's changes to the branch file's services and counters: renamed, disabled. The
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
