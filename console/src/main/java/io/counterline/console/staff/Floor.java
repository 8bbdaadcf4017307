package io.counterline.console.staff;

import io.counterline.console.BranchDirectory;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.ConsoleUsers;
import io.counterline.console.auth.Scope;
import io.counterline.console.store.ConsoleStore;
import io.counterline.console.store.ConsoleStore.FloorRow;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The branch's services and counters as managed in the console: the branch file's (the seed)
 * renamed (Chinese and English names) or disabled here. The host's engine asks
 * {@link #changed(Kind, String)} when it issues a ticket, signs a teller in or projects state, so a
 * change counts without a restart. Reads answer from memory (the engine thread never waits for
 * the file); every change is audited with its before and after.
 */
public final class Floor {
    public enum Kind {
        SERVICE, COUNTER;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Kind of(String key) {
            for (Kind k : values()) {
                if (k.key().equals(key)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("no such kind: services or counters");
        }
    }

    /** One service or counter as the console shows it. */
    public record Place(Kind kind, String id, String nameZh, String nameEn, boolean disabled, boolean changedHere) {
    }

    private final ConsoleStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final List<Place> seed;
    private volatile Map<String, FloorRow> rows = Map.of();

    /** @param seed the branch file's services and counters, none disabled */
    public Floor(ConsoleStore store, AuditLog audit, Clock clock, List<Place> seed) throws SQLException {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.seed = List.copyOf(seed);
        reload();
    }

    /** What the console changed for this service or counter, if anything (the engine overlays it). */
    public Optional<Place> changed(Kind kind, String id) {
        FloorRow r = rows.get(kind.key() + "/" + id);
        return r == null ? Optional.empty() : Optional.of(new Place(kind, id, r.nameZh(), r.nameEn(), r.disabled(), true));
    }

    /** The branch file's services or counters with the console's changes over them, in the file's order. */
    public List<Place> all(Kind kind) {
        return seed.stream().filter(p -> p.kind() == kind).map(p -> changed(kind, p.id()).orElse(p)).toList();
    }

    public Optional<Place> find(Kind kind, String id) {
        return all(kind).stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** {@code d} with the services' and counters' Chinese names as they are now (for pages and the monitor). */
    public BranchDirectory named(BranchDirectory d) {
        if (rows.isEmpty()) {
            return d;
        }
        return new BranchDirectory(d.branchId(), d.branchName(), d.zone(), d.tellers(),
                d.counters().stream().map(n -> rename(Kind.COUNTER, n)).toList(),
                d.services().stream().map(n -> rename(Kind.SERVICE, n)).toList());
    }

    private BranchDirectory.Named rename(Kind kind, BranchDirectory.Named n) {
        return changed(kind, n.id()).map(p -> new BranchDirectory.Named(n.id(), p.nameZh())).orElse(n);
    }

    /** Whether {@code scope} lets its holder change this one: a counter in scope, a service in scope. */
    public static boolean inScope(Scope scope, Kind kind, String id) {
        return kind == Kind.COUNTER ? scope.coversCounter(id) : scope.branch() || scope.services().contains(id);
    }

    public void rename(String actor, String ip, Kind kind, String id, String nameZh, String nameEn)
            throws ConsoleUsers.Refused {
        Place p = existing(kind, id);
        String problem = nameProblem(nameZh) != null ? nameProblem(nameZh) : nameProblem(nameEn);
        if (problem != null) {
            throw new ConsoleUsers.Refused(problem);
        }
        save(actor, ip, kind.key() + ".rename", p, new Place(kind, id, nameZh.strip(), nameEn.strip(), p.disabled(),
                true));
    }

    public void setDisabled(String actor, String ip, Kind kind, String id, boolean disabled)
            throws ConsoleUsers.Refused {
        Place p = existing(kind, id);
        save(actor, ip, kind.key() + (disabled ? ".disable" : ".enable"), p, new Place(kind, id, p.nameZh(),
                p.nameEn(), disabled, true));
    }

    private Place existing(Kind kind, String id) throws ConsoleUsers.Refused {
        return find(kind, id).orElseThrow(() -> new ConsoleUsers.Refused("no " + kind.key() + " " + id
                + " in the branch file"));
    }

    private void save(String actor, String ip, String action, Place before, Place after) {
        try {
            store.saveFloorChange(new FloorRow(after.kind().key(), after.id(), after.nameZh(), after.nameEn(),
                    after.disabled()), clock.instant());
            reload();
        } catch (SQLException e) {
            throw new IllegalStateException("console.db: " + e.getMessage(), e);
        }
        audit.record(actor, ip, action, after.id(), describe(before), describe(after));
    }

    private void reload() throws SQLException {
        Map<String, FloorRow> m = new LinkedHashMap<>();
        for (FloorRow r : store.floorChanges()) {
            m.put(r.kind() + "/" + r.id(), r);
        }
        rows = Map.copyOf(m);
    }

    private static String describe(Place p) {
        return "name-zh=" + p.nameZh() + "; name-en=" + p.nameEn() + "; disabled=" + p.disabled();
    }

    private static String nameProblem(String name) {
        return name == null || name.isBlank() || name.strip().length() > 40 ? "a name is 1 to 40 characters" : null;
    }
}
