package io.counterline.server.uplink;

import io.counterline.server.store.SqliteBranchStore;
import io.counterline.server.store.StoreException;
import java.util.List;

/**
 * A branch without its queue engine, for the head-office tests and benchmark: it commits facts
 * straight to its store's uplink journal (a real SQLite branch store), as the engine's
 * {@link CommittedFactsTap} does, and its real {@link Uplink} sends them to head office.
 */
public record SimulatedBranch(SqliteBranchStore store, Uplink uplink) implements AutoCloseable {
    public void commit(List<Uplink.Fact> facts) throws StoreException {
        UplinkJournal.commit(store, facts);
        uplink.committed();
    }

    public int waiting() {
        return uplink.waiting();
    }

    public boolean connected() {
        return uplink.connected();
    }

    @Override
    public void close() {
        uplink.close();
        store.close();
    }
}
