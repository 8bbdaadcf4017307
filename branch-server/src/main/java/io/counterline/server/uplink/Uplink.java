package io.counterline.server.uplink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.counterline.messaging.Backoff;
import io.counterline.console.downlink.HeadOfficeConfig;
import io.counterline.messaging.BusSettings;
import io.counterline.messaging.MessageBus;
import io.counterline.messaging.PahoMessageBus;
import io.counterline.outbox.Outbox;
import io.counterline.outbox.OutboxException;
import io.counterline.outbox.OutboxFullException;
import io.counterline.outbox.OutboxPublisher;
import io.counterline.protocol.EventType;
import io.counterline.protocol.Topics;
import io.counterline.server.store.BranchStore;
import io.counterline.server.store.Rows.UplinkRow;
import io.counterline.server.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The branch's link to head office: what a device's outbox is to the branch, one level up.
 * Committed facts go into the branch's own SQLite outbox ({@code uplink.db}) and travel on
 * {@code cl/v1/{branch}/dev/uplink/evt}; head office acknowledges on {@code .../dev/uplink/ack}
 * after its PostgreSQL commit, and only then are they deleted.
 *
 * <p>The engine never waits for this: its transaction journals the facts in the branch store
 * ({@link UplinkJournal}, written by {@link CommittedFactsTap}) and {@link #committed} only wakes
 * the "uplink-append" thread, which copies them to the outbox file, oldest first, and forgets
 * them from the journal; the WAN is the publisher's business alone. A fact is always in the
 * branch store's journal or in {@code uplink.db} (or both, for an instant, which the outbox mark
 * resolves), so no crash loses one on its way.
 */
public final class Uplink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Uplink.class);
    /** The "device" name of the uplink in its topics and envelopes. */
    public static final String DEVICE = Topics.UPLINK;

    /** One committed fact of the branch, as it will be uplinked. */
    public record Fact(EventType type, ObjectNode body) {
    }

    /** How often the nightly reconciliation looks whether today's counts are due and the outbox is empty. */
    private static final Duration RECONCILE_CHECK = Duration.ofMinutes(10);
    /** How often a configuration waiting for its safe moment is looked at again. */
    private static final Duration CONFIG_LOOK = Duration.ofMinutes(1);
    /** How often the configuration running is reported even when nothing changed. */
    private static final Duration CONFIG_REPORT = Duration.ofHours(1);
    /** Journal rows copied to the outbox per transaction of {@code uplink.db}. */
    private static final int COPY_BATCH = 500;

    /**
     * Facts travel packed, up to 100 per QoS-1 message within the 16 KiB payload limit (about 35
     * of a branch's facts): one MQTT message, PUBACK and quorum-queue entry carries many. The
     * window lets a branch catching up keep 2,000 facts on their way to head office's commit.
     */
    static final OutboxPublisher.Settings PUBLISHING = new OutboxPublisher.Settings(2000, 500,
            OutboxPublisher.Settings.DEFAULT.resendAfter(), 100);

    private final Outbox outbox;
    /** The journals copied: the branch store's first, then those {@link #attach}ed. */
    private final List<UplinkJournal.Source> journals = new CopyOnWriteArrayList<>();
    private final PahoMessageBus bus;
    private final OutboxPublisher publisher;
    private final Semaphore journalChanged = new Semaphore(0);
    private final Thread appender;
    private final Reconciliation reconciliation;
    private final ConfigReceiver config;
    private final ScheduledExecutorService nightly;
    private volatile boolean running = true;
    private volatile int journaled;
    private DeviceHealthDays healthDays;

    private Uplink(String branch, Outbox outbox, BranchStore journal, PahoMessageBus bus, OutboxPublisher publisher,
                   Optional<HeadOfficeConfig> config, Clock clock) {
        this.outbox = outbox;
        this.journals.add(UplinkJournal.of(journal));
        this.bus = bus;
        this.publisher = publisher;
        this.appender = new Thread(this::appendLoop, "uplink-append");
        this.appender.setDaemon(true);
        this.reconciliation = new Reconciliation(branch, journal, this::committed, this::waiting, clock);
        this.reconciliation.reportedThrough(reconciliation.yesterday());
        this.config = new ConfigReceiver(branch, config, journal, this::committed);
        this.nightly = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "uplink-reconcile");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the uplink outbox in {@code dataDir} and starts copying the facts journaled in
     * {@code journal} (the branch store) to it and sending them to head office. What a crash
     * left in the journal is copied at once.
     */
    public static Uplink start(String branch, UplinkSettings settings, Path dataDir, BranchStore journal, Clock clock)
            throws OutboxException {
        return start(branch, settings, dataDir, journal, ZoneOffset.UTC, Optional.empty(), clock);
    }

    /**
     * As {@link #start(String, UplinkSettings, Path, BranchStore, Clock)}, with the branch's zone (its
     * business days are the days of the daily device health summaries) and taking head office's
     * configuration documents into {@code config} (the console's; without one they are refused).
     */
    public static Uplink start(String branch, UplinkSettings settings, Path dataDir, BranchStore journal, ZoneId zone,
                               Optional<HeadOfficeConfig> config, Clock clock) throws OutboxException {
        Outbox outbox = Outbox.open(dataDir.resolve("uplink.db"), DEVICE, settings.capacity(), clock);
        PahoMessageBus bus = new PahoMessageBus(BusSettings.of(settings.uri(), branch, settings.secret())
                .withBackoff(new Backoff(Duration.ofSeconds(1), settings.reconnectMax())), Optional.empty());
        OutboxPublisher publisher = new OutboxPublisher(outbox, bus, Topics.of(branch), PUBLISHING);
        Uplink uplink = new Uplink(branch, outbox, journal, bus, publisher, config, clock);
        uplink.healthDays = new DeviceHealthDays(journal, zone, clock, uplink::committed);
        uplink.journalChanged.release(); // copy what the journal holds from before a crash
        uplink.appender.start();
        bus.subscribe(Topics.of(branch).commands(DEVICE), (topic, payload) -> uplink.reconciliation.onRequest(payload));
        uplink.nightly.scheduleWithFixedDelay(uplink::reconcileNightly, 1, RECONCILE_CHECK.toMinutes(),
                TimeUnit.MINUTES);
        bus.subscribe(Topics.of(branch).uplinkConfig(), (topic, payload) -> uplink.config.onDocument(payload));
        bus.addConnectionListener(new MessageBus.ConnectionListener() {
            @Override
            public void connected() {
                uplink.config.report(); // head office publishes again if this lags
            }

            @Override
            public void disconnected(String reason) {
                // the report waits in the outbox like every fact
            }
        });
        uplink.nightly.scheduleWithFixedDelay(uplink.config::lookAgain, CONFIG_LOOK.toSeconds(),
                CONFIG_LOOK.toSeconds(), TimeUnit.SECONDS);
        uplink.nightly.scheduleWithFixedDelay(uplink.config::report, CONFIG_REPORT.toMinutes(),
                CONFIG_REPORT.toMinutes(), TimeUnit.MINUTES);
        uplink.config.lookAgain(); // a document kept pending before a restart
        publisher.start();
        bus.start();
        log.info("uplink of branch {} to {}: {} facts waiting", branch, settings.uri(), outbox.size());
        return uplink;
    }

    /**
     * Copies and sends the facts of another journal too (console.db's supervision journal), what it
     * holds now at once; their kinds are reconciled through {@code counts}. Its writer calls
     * {@link #committed} after each commit that journaled facts.
     */
    public void attach(UplinkJournal.Source journal, Reconciliation.Kinds counts) {
        journals.add(journal);
        reconciliation.attach(counts);
        journalChanged.release();
    }

    /** The daily device health summaries, also for a run on demand. */
    public DeviceHealthDays healthDays() {
        return healthDays;
    }

    /** The nightly reconciliation with head office, also for a run on demand. */
    public Reconciliation reconciliation() {
        return reconciliation;
    }

    private void reconcileNightly() {
        try {
            healthDays.buildMissing();
        } catch (StoreException | RuntimeException e) {
            log.error("device health summaries not built (next try in {}): {}", RECONCILE_CHECK, e.getMessage());
        }
        try {
            reconciliation.nightly();
        } catch (StoreException | RuntimeException e) {
            log.error("reconcile: counts not sent (next try in {}): {}", RECONCILE_CHECK, e.getMessage());
        }
    }

    /** New facts were committed to the journal; returns at once. */
    public void committed() {
        journalChanged.release();
    }

    /** Facts committed by the branch and not yet acknowledged by head office (outbox and journal). */
    public int waiting() {
        try {
            int journaledNow = 0;
            for (UplinkJournal.Source j : journals) {
                journaledNow += j.count();
            }
            return outbox.size() + journaledNow;
        } catch (StoreException e) {
            log.warn("uplink journal not countable: {}", e.getMessage());
            return outbox.size() + journaled;
        }
    }

    public boolean connected() {
        return bus.isConnected();
    }

    private void appendLoop() {
        while (running) {
            try {
                if (!journalChanged.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                journalChanged.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            copyUntilDone();
            // The engine committed something: perhaps the last open ticket of a service whose
            // change from head office waits (its safe moment), so look now rather than in a minute.
            config.lookAgainIfPending();
        }
    }

    /** Copies the whole journal; a full or failing outbox or store is retried (the facts stay journaled). */
    private void copyUntilDone() {
        for (int attempt = 1; running; attempt++) {
            try {
                copyJournal();
                return;
            } catch (OutboxFullException e) {
                if (attempt == 1) {
                    log.error("uplink outbox full ({} facts): head office has not acknowledged for long; "
                            + "new facts wait in the branch store's journal", outbox.capacity());
                }
            } catch (OutboxException | StoreException | IllegalStateException e) {
                log.error("uplink cannot copy journaled facts to its outbox (retrying): {}", e.getMessage());
            }
            try {
                TimeUnit.SECONDS.sleep(1); // retry pace for a full or failing disk, not synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void copyJournal() throws OutboxException, StoreException {
        for (UplinkJournal.Source journal : journals) {
            copyJournal(journal);
        }
    }

    private void copyJournal(UplinkJournal.Source journal) throws OutboxException, StoreException {
        long copied = outbox.mark(journal.mark());
        journal.forget(copied); // copied just before a crash, not forgotten yet
        while (true) {
            journaled = journal.count();
            List<UplinkRow> rows = journal.after(copied, COPY_BATCH);
            if (rows.isEmpty()) {
                return;
            }
            long last = rows.get(rows.size() - 1).id();
            outbox.appendAll(UplinkJournal.drafts(rows), journal.mark(), last);
            journal.forget(last);
            journaled = Math.max(0, journaled - rows.size());
            copied = last;
            publisher.wake();
        }
    }

    @Override
    public void close() {
        running = false;
        nightly.shutdownNow();
        try {
            appender.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.close();
        bus.close();
        outbox.close();
    }
}
