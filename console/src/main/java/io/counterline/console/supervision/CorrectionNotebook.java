package io.counterline.console.supervision;

import io.counterline.console.BranchDirectory;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.User;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The branch manager's correction notebook (纠错本): non-standard operations seen at a counter,
 * with the right procedure. The after-shift review lists a day's entries without naming anyone
 * (no teller, no counter); each teller sees their own; the counts per procedure show what to train.
 */
public final class CorrectionNotebook {
    public static final int MAX_OBSERVED = 500;
    public static final int MAX_PROCEDURE = 200;
    /** An entry is written the same day or soon after, not for a distant past. */
    private static final Duration OLDEST = Duration.ofDays(31);

    private final SupervisionStore store;
    private final AuditLog audit;
    private final Supplier<BranchDirectory> directory;
    private final Clock clock;

    public CorrectionNotebook(SupervisionStore store, AuditLog audit, Supplier<BranchDirectory> directory, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException naming the bad field (nothing stored)
     * @throws NotAllowed when the user does not supervise, or the counter is outside their scope
     */
    public long record(User actor, String ip, String teller, String counter, Instant at, String observed,
                       String procedure) throws SQLException {
        if (!WorkOrders.supervises(actor)) {
            throw new NotAllowed("only supervisors write in the correction notebook");
        }
        BranchDirectory dir = directory.get();
        if (teller == null || dir.tellers().stream().noneMatch(t -> t.id().equals(teller))) {
            throw new IllegalArgumentException("unknown teller '" + teller + "'");
        }
        if (counter == null || dir.counters().stream().noneMatch(c -> c.id().equals(counter))) {
            throw new IllegalArgumentException("unknown counter '" + counter + "'");
        }
        if (!actor.scope().coversCounter(counter)) {
            throw new NotAllowed("counter " + counter + " is not in your scope");
        }
        Instant now = clock.instant();
        if (at.isAfter(now) || at.isBefore(now.minus(OLDEST))) {
            throw new IllegalArgumentException("the time must be within the last 31 days, not in the future");
        }
        String o = required("what was done", observed, MAX_OBSERVED);
        String p = required("the right procedure", procedure, MAX_PROCEDURE);
        long id = store.addNote(new CorrectionNote(0, at.atZone(dir.zone()).toLocalDate(), at, counter, teller, o, p,
                actor.login(), now));
        audit.record(actor.login(), ip, "notebook.add", "correction-note " + id, null, "teller=" + teller + " counter="
                + counter + " procedure=" + p);
        return id;
    }

    /** A day's entries in the user's scope, for the review: the caller shows them without names. */
    public List<CorrectionNote> review(User u, LocalDate day) throws SQLException {
        if (!u.role().seesBranchFigures()) {
            throw new NotAllowed("the after-shift review is for supervisors");
        }
        return store.notes(day, day).stream().filter(n -> u.scope().coversCounter(n.counter())).toList();
    }

    /** A teller's own entries, newest first. */
    public List<CorrectionNote> own(User u) throws SQLException {
        if (u.teller().isEmpty()) {
            return List.of();
        }
        return store.notesOf(u.teller().get(), 200);
    }

    /** How often each procedure was noted in the period (in the user's scope), most frequent first. */
    public Map<String, Integer> countsByProcedure(User u, LocalDate from, LocalDate to) throws SQLException {
        if (!u.role().seesBranchFigures()) {
            throw new NotAllowed("the notebook's counts are for supervisors");
        }
        Map<String, Integer> counts = new TreeMap<>();
        store.notes(from, to).stream().filter(n -> u.scope().coversCounter(n.counter()))
                .forEach(n -> counts.merge(n.procedure(), 1, Integer::sum));
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static String required(String field, String value, int max) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (v.length() > max) {
            throw new IllegalArgumentException(field + " is longer than " + max + " characters");
        }
        return v;
    }
}
