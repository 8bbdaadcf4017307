package io.counterline.headoffice.ingest;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.counterline.headoffice.reconcile.Reconciler;
import io.counterline.headoffice.store.ConfigVersions;
import io.counterline.headoffice.store.FactStore;
import io.counterline.protocol.Ack;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Topics;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stateless ingest worker: a competing consumer of the uplink quorum queue that writes each
 * batch of facts to PostgreSQL, and only after the commit acknowledges to the branches (on their
 * MQTT ack topic, through {@code amq.topic}) and to the queue. Killed at any point, it loses
 * nothing: what it had not acknowledged to the queue is delivered again (to it or another
 * worker), stored once by the facts' key, and acknowledged again.
 *
 * <p>Threads: the AMQP client's consumer thread only hands deliveries over; "ingest-writer"
 * does everything else, so the channel is published and acked on by that one thread.
 */
public final class IngestWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestWorker.class);
    /** Sequences per ack message: 700 × at most 20 digits and a comma stays inside the 16 KiB payload limit. */
    static final int SEQS_PER_ACK = 700;
    /** How often a worker looks for configuration versions published in the console and not yet sent. */
    static final long CONFIG_LOOK_MS = 2000;

    private record Delivery(long tag, String routingKey, byte[] body) {
    }

    private final IngestSettings settings;
    private final FactCheck check;
    private final MessageCodec codec = new MessageCodec();
    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;
    private Connection connection;
    private Channel channel;
    private FactStore store;
    private long nextConfigLook;

    public IngestWorker(IngestSettings settings, Clock clock) {
        this.settings = settings;
        this.check = new FactCheck(clock);
        this.writer = new Thread(this::writeLoop, "ingest-writer");
    }

    /** Connects to the cluster and PostgreSQL and starts consuming. */
    public IngestWorker start() throws IOException, TimeoutException, SQLException {
        store = FactStore.open(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword());
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUsername(settings.amqpUser());
        factory.setPassword(settings.amqpPassword());
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(1000);
        factory.setRequestedHeartbeat(10);
        factory.setConnectionTimeout(5000);
        connection = factory.newConnection(settings.amqp(), "counterline-ingest");
        channel = connection.createChannel();
        UplinkQueue.declare(channel);
        channel.basicQos(settings.batch() * 2);
        channel.basicConsume(UplinkQueue.NAME, false, "ingest-" + ProcessHandle.current().pid(),
                new DefaultConsumer(channel) {
                    @Override
                    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                                               byte[] body) {
                        deliveries.add(new Delivery(envelope.getDeliveryTag(), envelope.getRoutingKey(), body));
                    }
                });
        writer.start();
        log.info("ingest worker consuming {} on {}", UplinkQueue.NAME, settings);
        return this;
    }

    /** Facts this worker stored for the first time. */
    public long stored() {
        return stored.get();
    }

    /** Facts that arrived again and were already stored (acknowledged again, not stored twice). */
    public long duplicates() {
        return duplicates.get();
    }

    /** Facts refused at the door (malformed, not a branch fact, out of range), and unreadable messages. */
    public long refused() {
        return refused.get();
    }

    /** What the door made of the messages of one batch. */
    private static final class Batch {
        final List<Fact> facts = new ArrayList<>();
        final List<FactStore.Refusal> refusals = new ArrayList<>();
        /** Refused facts whose envelope was readable: acknowledged too, so the branch stops sending them. */
        final List<Fact> refusedFacts = new ArrayList<>();
        long lastTag = -1;

        int size() {
            return facts.size() + refusals.size();
        }

        void add(Delivery d, List<FactCheck.Outcome> outcomes) {
            lastTag = d.tag();
            for (FactCheck.Outcome outcome : outcomes) {
                if (outcome instanceof FactCheck.Accepted a) {
                    facts.add(a.fact());
                } else if (outcome instanceof FactCheck.Refused r) {
                    log.warn("refused: {}", r.reason());
                    // A fact of a batch is described by itself, not by the head of its batch.
                    String head = outcomes.size() == 1 || r.fact().isEmpty() ? FactStore.payloadHead(d.body())
                            : r.fact().get().envelope().type().wire() + " seq " + r.fact().get().envelope().seq()
                            + " id " + r.fact().get().envelope().id();
                    refusals.add(new FactStore.Refusal(String.valueOf(d.routingKey()), r.reason(), head));
                    r.fact().ifPresent(refusedFacts::add);
                }
            }
        }
    }

    /**
     * Takes messages as they come, each checked at the door, until the batch holds
     * {@code batch} facts or nothing more waits (a message may hold many facts).
     */
    private void writeLoop() {
        while (running) {
            try {
                Batch batch = new Batch();
                Delivery next = deliveries.poll(200, TimeUnit.MILLISECONDS);
                publishNewConfigs();
                while (next != null) {
                    batch.add(next, check.checkMessage(next.routingKey(), next.body()));
                    next = batch.size() < settings.batch() ? deliveries.poll() : null;
                }
                if (batch.lastTag >= 0) {
                    ingest(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("ingest batch failed; its messages come again", e);
            }
        }
    }

    /** Stores a batch, acknowledges its facts to their branches, then its messages to the queue. */
    private void ingest(Batch batch) throws InterruptedException {
        List<Fact> facts = batch.facts;
        List<FactStore.Refusal> refusals = batch.refusals;
        List<Fact> refusedFacts = batch.refusedFacts;
        int inserted = storeUntilCommitted(facts, refusals, refusedFacts);
        if (inserted < 0) {
            return;
        }
        stored.addAndGet(inserted);
        duplicates.addAndGet(facts.size() - inserted);
        refused.addAndGet(refusals.size());
        List<Fact> acknowledged = new ArrayList<>(facts);
        acknowledged.addAll(refusedFacts);
        acknowledgeToBranches(acknowledged);
        askForShortfalls(facts);
        publishLaggingConfigs(facts);
        try {
            channel.basicAck(batch.lastTag, true);
        } catch (IOException | RuntimeException e) {
            // The queue delivers them again; they are stored once and acknowledged again.
            log.warn("queue ack failed ({}); the batch will come again", e.getMessage());
        }
    }

    /**
     * Retries PostgreSQL until it commits; -1 when stopping first (the queue keeps the batch).
     * When PostgreSQL refuses the batch's <em>data</em> (SQLSTATE class 22, e.g. text it cannot
     * hold), the facts are stored one by one and those it refuses are moved to the refusals
     * (from {@code facts} to {@code refusedFacts}), so one bad fact never blocks the queue.
     */
    private int storeUntilCommitted(List<Fact> facts, List<FactStore.Refusal> refusals, List<Fact> refusedFacts)
            throws InterruptedException {
        boolean oneByOne = false;
        for (int attempt = 1; running; attempt++) {
            try {
                return oneByOne ? storeOneByOne(facts, refusals, refusedFacts) : store.store(facts, refusals);
            } catch (SQLException e) {
                if (!oneByOne && isBadData(e)) {
                    log.warn("PostgreSQL refused the data of a batch ({}); storing its facts one by one",
                            e.getMessage());
                    oneByOne = true;
                    continue;
                }
                log.error("PostgreSQL did not commit a batch of {} (attempt {}): {}", facts.size(), attempt,
                        e.getMessage());
                TimeUnit.MILLISECONDS.sleep(settings.retryAfter().toMillis()); // retry pace, not synchronisation
                reopenStore();
            }
        }
        return -1;
    }

    private int storeOneByOne(List<Fact> facts, List<FactStore.Refusal> refusals, List<Fact> refusedFacts)
            throws SQLException {
        int inserted = 0;
        for (Fact f : List.copyOf(facts)) {
            try {
                inserted += store.store(List.of(f), List.of());
            } catch (SQLException e) {
                if (!isBadData(e)) {
                    throw e;
                }
                String reason = "PostgreSQL refused the fact: " + e.getMessage();
                log.warn("refused {} seq {} of {}: {}", f.envelope().type().wire(), f.envelope().seq(), f.branch(),
                        reason);
                refusals.add(new FactStore.Refusal(UplinkRoutes.factsKey(f.branch()), reason,
                        f.envelope().type().wire() + " seq " + f.envelope().seq() + " id " + f.envelope().id()));
                facts.remove(f);
                refusedFacts.add(f);
            }
        }
        store.store(List.of(), refusals);
        return inserted;
    }

    private static boolean isBadData(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("22");
    }

    private void reopenStore() {
        store.close();
        try {
            store = FactStore.open(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword());
        } catch (SQLException e) {
            log.debug("PostgreSQL still unreachable: {}", e.getMessage());
        }
    }

    /**
     * Reconciliation: compares the branches' counts just committed with PostgreSQL and asks each
     * branch on its command topic for what is missing. A failure here loses nothing: the branch
     * sends its counts again the next night.
     */
    private void askForShortfalls(List<Fact> committed) {
        try {
            for (Reconciler.Request r : Reconciler.shortfalls(store, committed)) {
                channel.basicPublish("amq.topic", UplinkRoutes.commandsKey(r.branch()),
                        new AMQP.BasicProperties.Builder().deliveryMode(2).build(), r.resend().encode());
            }
        } catch (SQLException | IOException | RuntimeException e) {
            log.warn("reconciliation not answered ({}); the branch's next counts ask again", e.getMessage());
        }
    }

    /**
     * The down-link: every {@value #CONFIG_LOOK_MS} ms, the configuration versions published in the
     * console that no worker has sent yet, each branch's newest on its {@code dev/uplink/cfg}
     * topic (persistent). A failure loses nothing: the branch's next report shows the lag.
     */
    private void publishNewConfigs() {
        long now = System.currentTimeMillis();
        if (now < nextConfigLook) {
            return;
        }
        nextConfigLook = now + CONFIG_LOOK_MS;
        try {
            publishConfigs(store.configVersions().claimNew());
        } catch (SQLException | RuntimeException e) {
            log.warn("configuration versions not looked at ({}); next look in {} ms", e.getMessage(), CONFIG_LOOK_MS);
        }
    }

    /** After a batch's commit: the branches whose configuration report lags get their newest version again. */
    private void publishLaggingConfigs(List<Fact> committed) {
        try {
            publishConfigs(store.configVersions().reported(committed));
        } catch (SQLException | RuntimeException e) {
            log.warn("configuration reports not compared ({}); the branch reports again", e.getMessage());
        }
    }

    private void publishConfigs(List<ConfigVersions.Publication> publications) {
        AMQP.BasicProperties persistent = new AMQP.BasicProperties.Builder().deliveryMode(2).build();
        for (ConfigVersions.Publication p : publications) {
            try {
                channel.basicPublish("amq.topic", UplinkRoutes.configKey(p.branch()), persistent, p.document());
                log.info("configuration {} published to {}", p.version(), p.branch());
            } catch (IOException | RuntimeException e) {
                log.warn("configuration {} to {} not published ({}); the branch's next report asks again", p.version(),
                        p.branch(), e.getMessage());
            }
        }
    }

    /** One ack per branch and outbox generation, split to fit the payload limit. */
    private void acknowledgeToBranches(List<Fact> facts) {
        Map<String, Map<Long, TreeSet<Long>>> byBranch = new LinkedHashMap<>();
        for (Fact f : facts) {
            byBranch.computeIfAbsent(f.branch(), b -> new LinkedHashMap<>())
                    .computeIfAbsent(f.envelope().boot(), b -> new TreeSet<>()).add(f.envelope().seq());
        }
        AMQP.BasicProperties persistent = new AMQP.BasicProperties.Builder().deliveryMode(2).build();
        byBranch.forEach((branch, boots) -> boots.forEach((boot, seqs) -> {
            List<Long> all = List.copyOf(seqs);
            for (int from = 0; from < all.size(); from += SEQS_PER_ACK) {
                Ack ack = Ack.of(Topics.UPLINK, boot, all.subList(from, Math.min(all.size(), from + SEQS_PER_ACK)));
                try {
                    channel.basicPublish("amq.topic", UplinkRoutes.ackKey(branch), persistent, codec.encode(ack));
                } catch (IOException | RuntimeException e) {
                    // The branch sends them again after its resend delay; they are acknowledged then.
                    log.warn("ack to {} not sent ({})", branch, e.getMessage());
                    return;
                }
            }
        }));
    }

    @Override
    public void close() {
        running = false;
        try {
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (connection != null) {
                connection.close(2000);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("closing AMQP: {}", e.getMessage());
        }
        if (store != null) {
            store.close();
        }
    }
}
