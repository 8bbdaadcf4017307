package io.counterline.server.uplink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.counterline.messaging.Backoff;
import io.counterline.messaging.BusSettings;
import io.counterline.messaging.PahoMessageBus;
import io.counterline.outbox.Outbox;
import io.counterline.outbox.OutboxException;
import io.counterline.outbox.OutboxFullException;
import io.counterline.outbox.OutboxPublisher;
import io.counterline.protocol.EventType;
import io.counterline.protocol.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The branch's link to head office: what a device's outbox is to the branch, one level up.
 * Committed facts go into the branch's own SQLite outbox ({@code uplink.db}) and travel on
 * {@code cl/v1/{branch}/dev/uplink/evt}; head office acknowledges on {@code .../dev/uplink/ack}
 * after its PostgreSQL commit, and only then are they deleted.
 *
 * <p>The engine never waits for this: {@link #committed} only queues the facts in memory and
 * the "uplink-append" thread writes them to the outbox file; the WAN is the publisher's
 * business alone. A fact is in memory only between the branch's commit and its outbox append
 * (usually a few milliseconds); a crash in that window loses it from the uplink, which the
 * nightly reconciliation (not built yet) is for.
 */
public final class Uplink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Uplink.class);
    /** The "device" name of the uplink in its topics and envelopes. */
    public static final String DEVICE = Topics.UPLINK;

    /** One committed fact of the branch, as it will be uplinked. */
    public record Fact(EventType type, ObjectNode body) {
    }

    private final Outbox outbox;
    private final PahoMessageBus bus;
    private final OutboxPublisher publisher;
    private final BlockingQueue<Fact> toAppend = new LinkedBlockingQueue<>();
    private final Thread appender;
    private volatile boolean running = true;

    private Uplink(Outbox outbox, PahoMessageBus bus, OutboxPublisher publisher) {
        this.outbox = outbox;
        this.bus = bus;
        this.publisher = publisher;
        this.appender = new Thread(this::appendLoop, "uplink-append");
        this.appender.setDaemon(true);
    }

    /** Opens the uplink outbox in {@code dataDir} and starts sending to head office. */
    public static Uplink start(String branch, UplinkSettings settings, Path dataDir, Clock clock)
            throws OutboxException {
        Outbox outbox = Outbox.open(dataDir.resolve("uplink.db"), DEVICE, settings.capacity(), clock);
        PahoMessageBus bus = new PahoMessageBus(BusSettings.of(settings.uri(), branch, settings.secret())
                .withBackoff(new Backoff(Duration.ofSeconds(1), settings.reconnectMax())), Optional.empty());
        OutboxPublisher publisher = new OutboxPublisher(outbox, bus, Topics.of(branch),
                OutboxPublisher.Settings.DEFAULT);
        Uplink uplink = new Uplink(outbox, bus, publisher);
        uplink.appender.start();
        publisher.start();
        bus.start();
        log.info("uplink of branch {} to {}: {} facts waiting", branch, settings.uri(), outbox.size());
        return uplink;
    }

    /** The facts of one committed batch of the engine, in commit order; returns at once. */
    public void committed(List<Fact> facts) {
        toAppend.addAll(facts);
    }

    /** Facts committed by the branch and not yet acknowledged by head office (file and memory). */
    public int waiting() {
        return outbox.size() + toAppend.size();
    }

    public boolean connected() {
        return bus.isConnected();
    }

    private void appendLoop() {
        while (running || !toAppend.isEmpty()) {
            Fact fact;
            try {
                fact = toAppend.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (fact == null) {
                continue;
            }
            appendUntilStored(fact);
        }
    }

    /** A full or failing outbox keeps the fact (and the ones behind it) in memory and retries. */
    private void appendUntilStored(Fact fact) {
        for (int attempt = 1; running || attempt == 1; attempt++) {
            try {
                outbox.append(fact.type(), fact.body());
                publisher.wake();
                return;
            } catch (OutboxFullException e) {
                if (attempt == 1) {
                    log.error("uplink outbox full ({} facts): head office has not acknowledged for long; "
                            + "new facts wait in memory", outbox.capacity());
                }
            } catch (OutboxException e) {
                log.error("uplink outbox cannot store a {} (retrying): {}", fact.type().wire(), e.getMessage());
            }
            try {
                TimeUnit.SECONDS.sleep(1); // retry pace for a full or failing disk, not synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.error("uplink stopped with a {} not stored", fact.type().wire());
    }

    @Override
    public void close() {
        running = false;
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
