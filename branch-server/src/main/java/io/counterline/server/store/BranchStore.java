package io.counterline.server.store;

import io.counterline.protocol.EventEnvelope;
import java.util.List;

/**
 * Everything the branch server keeps. SQLite by default; the interface is what a head office
 * implements over PostgreSQL.
 *
 * <p>Threading: called only from the server's single writer thread; readers (reports) open
 * their own connections.
 */
public interface BranchStore extends AutoCloseable {

    /**
     * Stores device events in one transaction, each at most once (by id, and by device,
     * generation and sequence). Returns only after the commit.
     *
     * @return the events that were new; the others were already held
     */
    List<EventEnvelope> storeEvents(List<EventEnvelope> events) throws StoreException;

    /** How many device events are held, for tests, reports and the benchmark. */
    long countEvents() throws StoreException;

    @Override
    void close();
}
