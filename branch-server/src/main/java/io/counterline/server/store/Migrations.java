package io.counterline.server.store;

import io.counterline.sqlite.SchemaMigrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Versioned schema: migration {@code n} is the resource {@code db/V<n>__*.sql}, applied once, in
 * order, each in its own transaction with the version bump ({@link SchemaMigrations}), so a crash
 * mid-migration leaves the previous version intact.
 */
final class Migrations {

    /** The migrations in order; index 0 is version 1. Append only, never edit a released one. */
    static final List<String> SCRIPTS = List.of("db/V1__device_events.sql", "db/V2__queue.sql",
            "db/V3__arms_pads_and_pin_lockouts.sql", "db/V4__uplink_journal.sql",
            "db/V5__device_health_days.sql");

    private Migrations() {
    }

    static int apply(Connection db) throws SQLException {
        return SchemaMigrations.apply(db, SCRIPTS, "the store");
    }
}
