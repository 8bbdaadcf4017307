package io.counterline.server.uplink;

import io.counterline.console.downlink.HeadOfficeConfig;
import io.counterline.protocol.ConfigReport;
import io.counterline.protocol.EventType;
import io.counterline.server.queue.TicketStatus;
import io.counterline.server.store.BranchStore;
import io.counterline.server.store.Rows.TicketRow;
import io.counterline.server.store.StoreException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uplink's end of head office's configuration down-link: documents read from
 * {@code cl/v1/{branch}/dev/uplink/cfg} go to the console's {@link HeadOfficeConfig} (which checks,
 * keeps and applies them), and what the branch runs goes back to head office as a
 * {@link EventType#BRANCH_CONFIG} fact through the uplink's journal and outbox, like every fact.
 *
 * <p>The report travels when it changes, at every connection to the cluster and every hour: head
 * office publishes again to a branch whose report lags, so a document lost on the way (a node
 * gone with the branch's subscription queue) or sent while the branch was away still arrives.
 */
final class ConfigReceiver {
    private static final Logger log = LoggerFactory.getLogger(ConfigReceiver.class);
    private static final String NO_CONSOLE =
            "this branch runs without a console, through whose stores configuration is applied";

    private final String branch;
    private final Optional<HeadOfficeConfig> config;
    private final BranchStore store;
    private final Runnable committed;
    /** Without a console: what was refused last (nothing is kept, nothing applied). */
    private long refusedHere;
    private volatile ConfigReport reported;

    /**
     * @param config    the console's configuration; empty when the branch runs without a console,
     *                  whose stores the documents are applied through (then every document is refused)
     * @param committed told after a report was journaled (wakes the uplink's copy)
     */
    ConfigReceiver(String branch, Optional<HeadOfficeConfig> config, BranchStore store, Runnable committed) {
        this.branch = branch;
        this.config = config;
        this.store = store;
        this.committed = committed;
        // What the console kept counts as told: the report at connection tells it, once.
        this.reported = current();
    }

    /** A document from head office (the MQTT callback thread); a bad one is refused and reported, never thrown. */
    void onDocument(byte[] payload) {
        try {
            ConfigReport now = config.isPresent() ? config.get().receive(payload, this::openTickets) : refusedWithoutConsole();
            reportIfChanged(now);
        } catch (RuntimeException e) {
            log.error("head-office configuration not handled ({}); head office sends it again after the next report",
                    e.getMessage());
        }
    }

    /** Looks whether a pending document's services may change now (periodically; never throws). */
    void lookAgain() {
        try {
            config.ifPresent(c -> reportIfChanged(c.retry(this::openTickets)));
        } catch (RuntimeException e) {
            log.error("head-office configuration: pending document not looked at ({})", e.getMessage());
        }
    }

    /** As {@link #lookAgain}, only when a document waits (after each commit of the engine: cheap otherwise). */
    void lookAgainIfPending() {
        ConfigReport last = reported;
        if (last != null && last.pending() > 0) {
            lookAgain();
        }
    }

    /**
     * Tells head office what runs (at connection and hourly, whether or not it changed; never
     * throws). A branch without a console says nothing until a document comes.
     */
    synchronized void report() {
        if (config.isPresent() || refusedHere > 0) {
            try {
                journal(current());
            } catch (RuntimeException e) {
                log.error("configuration report not journaled ({})", e.getMessage());
            }
        }
    }

    private synchronized void reportIfChanged(ConfigReport now) {
        if (!now.equals(reported)) {
            journal(now);
        }
    }

    private ConfigReport current() {
        return config.map(HeadOfficeConfig::report).orElseGet(() -> new ConfigReport(branch, 0, 0, List.of(),
                refusedHere, refusedHere == 0 ? "" : NO_CONSOLE));
    }

    private synchronized ConfigReport refusedWithoutConsole() {
        refusedHere = Math.max(refusedHere, 1);
        log.warn("head-office configuration refused: {}", NO_CONSOLE);
        return current();
    }

    private void journal(ConfigReport r) {
        try {
            UplinkJournal.commit(store, List.of(new Uplink.Fact(EventType.BRANCH_CONFIG, r.toBody())));
            reported = r;
            committed.run();
        } catch (StoreException e) {
            log.error("configuration report not journaled (sent again within the hour): {}", e.getMessage());
        }
    }

    /** Open tickets of the engine's business day, per service, from the branch store. */
    private Map<String, Integer> openTickets() throws StoreException {
        Map<String, Integer> open = new HashMap<>();
        Optional<String> day = store.loadDay();
        if (day.isEmpty()) {
            return open;
        }
        for (TicketRow t : store.loadTickets(day.get())) {
            if (TicketStatus.valueOf(t.status()).isOpen()) {
                open.merge(t.service(), 1, Integer::sum);
            }
        }
        return open;
    }
}
