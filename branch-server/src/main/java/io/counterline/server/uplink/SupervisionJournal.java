package io.counterline.server.uplink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.counterline.console.supervision.SupervisionStore;
import io.counterline.protocol.EventType;
import io.counterline.server.store.Rows.UplinkRow;
import io.counterline.server.store.StoreException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The supervision facts of {@code console.db} (work orders, inspections, correction notebook) for
 * the uplink: their journal, written by {@link SupervisionStore} in the transaction of each change,
 * as a {@link UplinkJournal.Source} with its own outbox mark, and their counts and facts of a day
 * for the nightly reconciliation.
 */
public final class SupervisionJournal implements UplinkJournal.Source, Reconciliation.Kinds {
    /** The outbox mark: the highest supervision journal id already copied into {@code uplink.db}. */
    static final String MARK = "supervision-journal-copied";
    private static final Set<EventType> KINDS = EnumSet.of(EventType.BRANCH_WORK_ORDER, EventType.BRANCH_INSPECTION,
            EventType.BRANCH_CORRECTION);

    private final SupervisionStore store;

    public SupervisionJournal(SupervisionStore store) {
        this.store = store;
    }

    @Override
    public String mark() {
        return MARK;
    }

    @Override
    public List<UplinkRow> after(long id, int limit) throws StoreException {
        try {
            return store.journaled(id, limit).stream().map(r -> new UplinkRow(r.id(), r.type(), r.body())).toList();
        } catch (SQLException e) {
            throw failed("reading", e);
        }
    }

    @Override
    public void forget(long upToId) throws StoreException {
        try {
            store.forgetJournaled(upToId);
        } catch (SQLException e) {
            throw failed("trimming", e);
        }
    }

    @Override
    public int count() throws StoreException {
        try {
            return store.journaledCount();
        } catch (SQLException e) {
            throw failed("counting", e);
        }
    }

    @Override
    public Set<EventType> kinds() {
        return KINDS;
    }

    @Override
    public Map<EventType, Long> counts(LocalDate day) throws StoreException {
        try {
            Map<EventType, Long> out = new EnumMap<>(EventType.class);
            store.reconcileCounts(day).forEach((type, n) -> out.put(EventType.of(type), n));
            return out;
        } catch (SQLException e) {
            throw failed("counting the facts of " + day + " in", e);
        }
    }

    @Override
    public List<ObjectNode> factsOn(EventType kind, LocalDate day) throws StoreException {
        try {
            return store.factsOn(kind.wire(), day);
        } catch (SQLException e) {
            throw failed("reading the facts of " + day + " in", e);
        }
    }

    private static StoreException failed(String what, SQLException e) {
        return new StoreException(what + " the supervision journal failed: " + e.getMessage(), e);
    }
}
