package io.counterline.console.supervision;

import io.counterline.console.BranchDirectory;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.Scope;
import io.counterline.console.auth.User;
import io.counterline.console.store.ConsoleStore;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A real {@code console.db} with supervision's tables, a few users and a clock the test moves.
 * {@link #restart()} closes every connection and opens the file again, as a restarted server would.
 */
final class SupervisionFixture implements AutoCloseable {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final BranchDirectory DIR = new BranchDirectory("b1", "测试网点", ZONE,
            List.of(new BranchDirectory.Named("t1", "王芳"), new BranchDirectory.Named("t2", "李明")),
            List.of(new BranchDirectory.Named("c1", "1号窗口"), new BranchDirectory.Named("c2", "2号窗口")),
            List.of(new BranchDirectory.Named("A", "个人业务")));

    /** The clock the test moves by hand. */
    static final class HandClock extends Clock {
        private volatile Instant now;

        HandClock(Instant start) {
            now = start;
        }

        void set(Instant at) {
            now = at;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    final Path file;
    final HandClock clock;
    ConsoleStore console;
    SupervisionStore store;
    WorkOrders orders;

    SupervisionFixture(Path dir, Instant start) throws SQLException {
        this(dir, start, true);
    }

    private SupervisionFixture(Path dir, Instant start, boolean addUsers) throws SQLException {
        this.file = dir.resolve("console.db");
        this.clock = new HandClock(start);
        open();
        if (addUsers) {
            addUsers();
        }
    }

    /** The same file again, as a new process finds it. */
    static SupervisionFixture reopen(Path dir, Instant now) throws SQLException {
        return new SupervisionFixture(dir, now, false);
    }

    private void addUsers() throws SQLException {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        console.addUser("boss", "经理", "h", Role.BRANCH_MANAGER, Scope.BRANCH, Optional.empty(), "zh", at);
        console.addUser("super", "督导", "h", Role.QUALITY_SUPERVISOR, Scope.BRANCH, Optional.empty(), "en", at);
        console.addUser("audit", "审计", "h", Role.AUDITOR, Scope.BRANCH, Optional.empty(), "en", at);
        console.addUser("c2only", "二号", "h", Role.QUALITY_SUPERVISOR, Scope.parse("counters=c2"), Optional.empty(), "en",
                at);
        console.addUser("teller1", "王芳", "h", Role.TELLER, Scope.BRANCH, Optional.of("t1"), "zh", at);
        console.addUser("teller2", "李明", "h", Role.TELLER, Scope.BRANCH, Optional.of("t2"), "zh", at);
    }

    private void open() throws SQLException {
        console = ConsoleStore.open(file);
        store = SupervisionStore.open(file);
        orders = new WorkOrders(store, console, new AuditLog(console, clock), () -> DIR, clock);
    }

    User user(String login) throws SQLException {
        return console.userByLogin(login).orElseThrow();
    }

    Escalator escalator() {
        return new Escalator(store, ZONE, clock);
    }

    void restart() throws SQLException {
        close();
        open();
    }

    @Override
    public void close() {
        store.close();
        console.close();
    }
}
