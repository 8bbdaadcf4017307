package io.counterline.console;

import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.ConsoleUsers;
import io.counterline.console.auth.Passwords;
import io.counterline.console.monitor.MonitorFeed;
import io.counterline.console.report.BranchHistory;
import io.counterline.console.store.ConsoleStore;
import io.counterline.console.web.ConsoleServer;
import java.sql.SQLException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console as a host (the branch server) starts it: its own store, the live monitor's
 * feed (which the host feeds with committed state), and the HTTP server. Closed in reverse.
 */
public final class Console implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Console.class);

    private final ConsoleStore store;
    private final Passwords passwords;
    private final MonitorFeed feed;
    private final ConsoleServer server;
    private final ConsoleUsers users;

    private Console(ConsoleStore store, Passwords passwords, MonitorFeed feed, ConsoleServer server, ConsoleUsers users) {
        this.store = store;
        this.passwords = passwords;
        this.feed = feed;
        this.server = server;
        this.users = users;
    }

    public static Console start(ConsoleSettings settings, BranchDirectory directory, BranchHistory history, Clock clock)
            throws SQLException {
        ConsoleStore store = ConsoleStore.open(settings.database());
        Passwords passwords = new Passwords();
        MonitorFeed feed = new MonitorFeed(directory, history, clock, settings.heartbeat());
        try {
            AuditLog audit = new AuditLog(store, clock);
            ConsoleUsers users = new ConsoleUsers(store, passwords, audit, directory, clock);
            ConsoleServer server = new ConsoleServer(settings, directory, store, passwords, audit, users, history, feed,
                    clock).start();
            if (!store.hasUsers()) {
                log.warn("console has no users yet: create the first admin with"
                        + " 'branch-server user add --config FILE --login NAME --role admin'");
            }
            log.info("console: {}", server.url());
            return new Console(store, passwords, feed, server, users);
        } catch (RuntimeException | SQLException e) {
            feed.close();
            passwords.close();
            store.close();
            throw e;
        }
    }

    /** What the host feeds with the engine's committed state and the devices' status. */
    public MonitorFeed feed() {
        return feed;
    }

    public ConsoleUsers users() {
        return users;
    }

    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        feed.close();
        passwords.close();
        store.close();
    }
}
