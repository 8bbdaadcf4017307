package io.counterline.server.queue;

import io.counterline.server.store.BranchStore.Work;
import io.counterline.server.store.StoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: one thread ("queue-engine") takes jobs in arrival order and applies those
 * that arrived together in one transaction (group commit), each job in its own savepoint. A job
 * that throws is undone alone ({@link Hooks#undo}) and failed after the commit; the others of its
 * batch commit and complete. A commit that fails fails every job of the batch. Completions run
 * only after the commit, so nothing is answered that the store does not have.
 *
 * <p>With nothing to do the loop applies an {@link Hooks#idle idle} job every second, which is
 * how the engine notices the business day and opening hours change.
 */
final class CommitLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CommitLoop.class);
    static final int MAX_BATCH = 256;

    /** One unit of work of the engine. */
    interface Job {
        /** Applies the job inside the batch's transaction; returns what completes it after the commit. */
        Runnable apply() throws StoreException;

        /** The job did not take effect; tell whoever waits for it. */
        void fail(Exception cause);
    }

    /** The transactions the loop runs in: the store's, or an in-memory stand-in in tests. */
    interface Transactions {
        <T> T inTransaction(Work<T> work) throws StoreException;

        /** Runs {@code work} so that if it throws only its own writes are undone. */
        <T> T isolated(Work<T> work) throws StoreException;
    }

    /** What the engine does around each batch. */
    interface Hooks {
        /** First thing in every batch's transaction (the day check). */
        void begin() throws StoreException;

        /** A mark to undo to if the next job fails. */
        int mark();

        /** A job failed and its writes were rolled back: undo what it did in memory since {@code mark}. */
        void undo(int mark) throws StoreException;

        /** The batch committed; {@code someFailed} when a job of it was undone. */
        void committed(boolean someFailed);

        /** The batch did not commit: rebuild memory from the store. */
        void rolledBack();

        /** The job to apply when nothing arrived for a second. */
        Job idle();
    }

    private final Transactions tx;
    private final Hooks hooks;
    private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    CommitLoop(Transactions tx, Hooks hooks) {
        this.tx = tx;
        this.hooks = hooks;
        this.thread = new Thread(this::run, "queue-engine");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Why a job given to a loop already stopped was not taken. */
    static final class Stopped extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("queue engine is stopped");
        }
    }

    /** Queues a job; a stopped loop fails it at once with {@link Stopped}. */
    void enqueue(Job job) {
        if (!running) {
            job.fail(new Stopped());
            return;
        }
        jobs.add(job);
    }

    private void run() {
        List<Job> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                Job first = jobs.poll(1, TimeUnit.SECONDS);
                batch.add(first == null ? hooks.idle() : first);
                jobs.drainTo(batch, MAX_BATCH - 1);
                applyBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.error("queue engine batch failed; reloading from the store", e);
                hooks.rolledBack();
                batch.forEach(j -> j.fail(e));
            } finally {
                batch.clear();
            }
        }
        for (Job j : jobs) {
            j.fail(new IllegalStateException("queue engine stopped"));
        }
    }

    /** Applies one batch: package-private so the loop's rules are tested without a thread. */
    void applyBatch(List<Job> batch) {
        List<Runnable> completions = new ArrayList<>(batch.size());
        Map<Job, Exception> failed = new LinkedHashMap<>();
        try {
            tx.inTransaction(() -> {
                hooks.begin();
                for (Job job : batch) {
                    int mark = hooks.mark();
                    try {
                        completions.add(tx.isolated(job::apply));
                    } catch (StoreException | RuntimeException e) {
                        log.error("a job failed and was undone alone; the rest of its batch goes on", e);
                        failed.put(job, e);
                        hooks.undo(mark);
                    }
                }
                return null;
            });
        } catch (StoreException | RuntimeException e) {
            log.error("commit failed, batch of {} rolled back: {}", batch.size(), e.getMessage());
            hooks.rolledBack();
            batch.forEach(j -> j.fail(e));
            return;
        }
        hooks.committed(!failed.isEmpty());
        completions.forEach(Runnable::run);
        failed.forEach(Job::fail);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
