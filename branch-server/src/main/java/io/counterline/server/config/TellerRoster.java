package io.counterline.server.config;

import io.counterline.protocol.Bodies;
import java.util.Optional;

/**
 * Who may sign in at a counter, asked at every sign-in and when the engine names a teller, so a
 * teller added, renamed, disabled or given a new PIN (in the console) counts from the next
 * sign-in without a restart. The branch file's {@code tellers} are the default roster.
 *
 * <p>Threading: called on the engine thread and on the PIN-check thread; must answer at once (no
 * I/O) and be safe to call from both.
 */
@FunctionalInterface
public interface TellerRoster {

    /** The teller, if they exist and are not disabled. */
    Optional<TellerConfig> teller(String id);

    /** The teller's photo for the rating pad (named in each arm), if they have one; the branch file has none. */
    default Optional<Bodies.TellerPhoto> photo(String id) {
        return Optional.empty();
    }

    /** The branch file's tellers, fixed. */
    static TellerRoster of(BranchConfig config) {
        return id -> config.tellers().stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
