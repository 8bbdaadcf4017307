package io.counterline.console.audit;

import io.counterline.console.store.ConsoleStore;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Who did or saw what: logins, failed logins, logouts, report views, exports, prints and every
 * change with its before and after. Append-only (the store's triggers refuse UPDATE and DELETE).
 * An entry that cannot be written fails the action it describes: nothing unaudited happens.
 */
public final class AuditLog {
    private final ConsoleStore store;
    private final Clock clock;

    public AuditLog(ConsoleStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** @throws AuditFailure when the entry could not be stored */
    public void record(String actor, String ip, String action, String target, String before, String after) {
        try {
            store.audit(clock.instant(), actor, ip, action, target, before, after);
        } catch (SQLException e) {
            throw new AuditFailure("audit entry '" + action + "' not stored: " + e.getMessage(), e);
        }
    }

    public void record(String actor, String ip, String action, String target) {
        record(actor, ip, action, target, null, null);
    }

    public List<ConsoleStore.AuditEntry> newest(int limit, Optional<String> action) throws SQLException {
        return store.auditEntries(Math.max(1, Math.min(limit, 5000)), action);
    }

    /** The audit log could not be written; the action is refused. */
    public static final class AuditFailure extends RuntimeException {
        public AuditFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
