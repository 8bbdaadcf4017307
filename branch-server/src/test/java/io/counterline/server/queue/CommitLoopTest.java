package io.counterline.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.server.store.BranchStore.Work;
import io.counterline.server.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The single writer's batch rules, on an in-memory transaction log instead of SQLite. */
class CommitLoopTest {

    /** Writes are strings; a transaction commits them all or none; a savepoint undoes its own. */
    private static final class LogTransactions implements CommitLoop.Transactions {
        final List<String> committed = new ArrayList<>();
        List<String> open;
        boolean failCommit;

        void write(String s) {
            open.add(s);
        }

        @Override
        public <T> T inTransaction(Work<T> work) throws StoreException {
            open = new ArrayList<>();
            T result = work.run();
            if (failCommit) {
                open = null;
                throw new StoreException("disk full", null);
            }
            committed.addAll(open);
            open = null;
            return result;
        }

        @Override
        public <T> T isolated(Work<T> work) throws StoreException {
            int mark = open.size();
            try {
                return work.run();
            } catch (StoreException | RuntimeException e) {
                open.subList(mark, open.size()).clear();
                throw e;
            }
        }
    }

    private final LogTransactions tx = new LogTransactions();
    private final List<String> events = new ArrayList<>();

    private final CommitLoop.Hooks hooks = new CommitLoop.Hooks() {
        @Override
        public void begin() {
            events.add("begin");
        }

        @Override
        public int mark() {
            return 0;
        }

        @Override
        public void undo(int mark) {
            events.add("undo");
        }

        @Override
        public void committed(boolean someFailed) {
            events.add("committed someFailed=" + someFailed);
        }

        @Override
        public void rolledBack() {
            events.add("rolledBack");
        }

        @Override
        public CommitLoop.Job idle() {
            return job("idle", false);
        }
    };

    private CommitLoop.Job job(String name, boolean throwsAfterWriting) {
        return new CommitLoop.Job() {
            @Override
            public Runnable apply() {
                tx.write(name);
                if (throwsAfterWriting) {
                    throw new ArithmeticException("long overflow");
                }
                return () -> events.add("done " + name + " seeing " + tx.committed);
            }

            @Override
            public void fail(Exception cause) {
                events.add("failed " + name + ": " + cause.getMessage());
            }
        };
    }

    @Test
    void oneJobThrows_onlyItIsUndone_theOthersCommitAndCompleteAfterTheCommit() {
        CommitLoop loop = new CommitLoop(tx, hooks);
        loop.applyBatch(List.of(job("a", false), job("poison", true), job("c", false)));
        assertThat(tx.committed).containsExactly("a", "c");
        assertThat(events).containsExactly("begin", "undo", "committed someFailed=true", "done a seeing [a, c]",
                "done c seeing [a, c]", "failed poison: long overflow");
    }

    @Test
    void commitFails_everyJobFails_andMemoryIsRebuilt() {
        tx.failCommit = true;
        CommitLoop loop = new CommitLoop(tx, hooks);
        loop.applyBatch(List.of(job("a", false), job("b", false)));
        assertThat(tx.committed).isEmpty();
        assertThat(events).containsExactly("begin", "rolledBack", "failed a: disk full", "failed b: disk full");
    }

    @Test
    void stoppedLoop_failsNewJobsAtOnce() {
        CommitLoop loop = new CommitLoop(tx, hooks);
        loop.start();
        loop.close();
        loop.enqueue(job("late", false));
        assertThat(events).contains("failed late: queue engine is stopped");
    }
}
