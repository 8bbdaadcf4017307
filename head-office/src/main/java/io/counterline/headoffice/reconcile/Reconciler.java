package io.counterline.headoffice.reconcile;

import io.counterline.headoffice.ingest.Fact;
import io.counterline.headoffice.store.FactStore;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.EventType;
import io.counterline.protocol.Reconcile;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Head office's half of the nightly reconciliation: a branch's counts of a day (a
 * {@link EventType#BRANCH_RECONCILE} fact, already checked at the door to be the branch's own)
 * against what PostgreSQL holds; for each kind where head office holds fewer, a request to the
 * branch to send that day's facts of that kind again. More held than counted is logged, not
 * asked about (a branch store restored from an older backup, say): nothing is deleted.
 */
public final class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    /** A request to one branch. */
    public record Request(String branch, Reconcile.Resend resend) {
    }

    private Reconciler() {
    }

    /**
     * The requests for the reconcile facts among {@code committed} (facts just committed; only
     * after the commit, so the counts fact itself and the facts before it are held).
     */
    public static List<Request> shortfalls(FactStore store, List<Fact> committed) throws SQLException {
        List<Request> requests = new ArrayList<>();
        for (Fact f : committed) {
            if (f.envelope().type() != EventType.BRANCH_RECONCILE) {
                continue;
            }
            if (Reconcile.Counts.of(f.envelope().body()) instanceof Decoded.Accepted<Reconcile.Counts> a) {
                requests.addAll(shortfalls(store, a.message()));
            }
        }
        return requests;
    }

    static List<Request> shortfalls(FactStore store, Reconcile.Counts counts) throws SQLException {
        Map<EventType, Long> held = store.heldCounts(counts.branch(), counts.day());
        List<Request> requests = new ArrayList<>();
        for (EventType kind : Reconcile.KINDS) {
            if (!counts.counts().containsKey(kind)) {
                continue; // a branch of an older version does not count this kind yet
            }
            long branchHas = counts.counts().get(kind);
            long headOfficeHas = held.getOrDefault(kind, 0L);
            if (headOfficeHas < branchHas) {
                log.warn("reconcile {} {} {}: branch has {}, head office {}; asking for them again", counts.branch(),
                        counts.day(), kind.wire(), branchHas, headOfficeHas);
                requests.add(new Request(counts.branch(), new Reconcile.Resend(counts.day(), kind)));
            } else if (headOfficeHas > branchHas) {
                log.warn("reconcile {} {} {}: head office holds {}, more than the branch's {}", counts.branch(),
                        counts.day(), kind.wire(), headOfficeHas, branchHas);
            }
        }
        return requests;
    }
}
