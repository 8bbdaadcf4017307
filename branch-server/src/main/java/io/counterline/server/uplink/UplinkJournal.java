package io.counterline.server.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.counterline.outbox.Outbox;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import io.counterline.server.store.BranchStore;
import io.counterline.server.store.Rows.UplinkRow;
import io.counterline.server.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The uplink's journal in the branch store: facts written in the very transaction that
 * committed them, then copied to {@code uplink.db} by {@link Uplink} and forgotten. The copy
 * commits the outbox rows together with the highest journal id copied (an outbox mark), so a
 * crash between the copy and the forgetting copies nothing twice, and a crash between the
 * branch's commit and the copy loses nothing.
 *
 * <p>Another file's changes (the supervision tables of {@code console.db}) keep a journal of the
 * same kind in that file, a {@link Source} with an outbox mark of its own.
 */
public final class UplinkJournal {
    /** The outbox mark: the highest journal id already copied into {@code uplink.db}. */
    static final String MARK = "uplink-journal-copied";

    /**
     * A journal the uplink copies: rows written in the transactions of the changes they describe,
     * read in id order, forgotten once copied. Each has its own outbox mark.
     */
    public interface Source {
        /** The name of the outbox mark holding the highest id of this journal copied. */
        String mark();

        List<UplinkRow> after(long id, int limit) throws StoreException;

        void forget(long upToId) throws StoreException;

        int count() throws StoreException;
    }

    /** The branch store's own journal ({@code uplink_journal} in {@code branch.db}). */
    static Source of(BranchStore store) {
        return new Source() {
            @Override
            public String mark() {
                return MARK;
            }

            @Override
            public List<UplinkRow> after(long id, int limit) throws StoreException {
                return store.journaledUplink(id, limit);
            }

            @Override
            public void forget(long upToId) throws StoreException {
                store.forgetJournaledUplink(upToId);
            }

            @Override
            public int count() throws StoreException {
                return store.journaledUplinkCount();
            }
        };
    }

    private static final MessageCodec CODEC = new MessageCodec();
    private static final ObjectMapper JSON = new ObjectMapper();

    private UplinkJournal() {
    }

    /** Journal rows for facts (their ids are assigned by the store). */
    static List<UplinkRow> rows(List<Uplink.Fact> facts) {
        List<UplinkRow> rows = new ArrayList<>(facts.size());
        for (Uplink.Fact f : facts) {
            rows.add(new UplinkRow(0, f.type().wire(), new String(CODEC.encodeBody(f.body()), StandardCharsets.UTF_8)));
        }
        return rows;
    }

    /**
     * Commits facts to the journal in one transaction of their own: for a caller that has no
     * engine transaction to put them in (a simulated branch in a test or benchmark).
     */
    public static void commit(BranchStore store, List<Uplink.Fact> facts) throws StoreException {
        store.inTransaction(() -> {
            store.journalUplink(rows(facts));
            return null;
        });
    }

    /** The outbox events for journal rows. Rows are written by this class only, so they parse. */
    static List<Outbox.Draft> drafts(List<UplinkRow> rows) {
        List<Outbox.Draft> drafts = new ArrayList<>(rows.size());
        for (UplinkRow r : rows) {
            try {
                JsonNode body = JSON.readTree(r.body());
                drafts.add(new Outbox.Draft(EventType.of(r.type()), (ObjectNode) body));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("uplink journal row " + r.id() + " is unreadable: " + e.getMessage(), e);
            }
        }
        return drafts;
    }
}
