package io.counterline.device;

import io.counterline.health.DeviceHealth;
import io.counterline.messaging.BusException;
import io.counterline.messaging.MessageBus;
import io.counterline.messaging.PahoMessageBus;
import io.counterline.messaging.RequestClient;
import io.counterline.messaging.Will;
import io.counterline.outbox.Outbox;
import io.counterline.outbox.OutboxException;
import io.counterline.outbox.OutboxPublisher;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.Bodies.ServerClock;
import io.counterline.protocol.Command;
import io.counterline.protocol.Decoded;
import io.counterline.protocol.DeviceStatus;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.Health;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Response;
import io.counterline.protocol.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every device app stands on: the broker connection with its presence (retained status,
 * Last Will), the outbox and its publisher, requests to the server, commands from it, and the
 * device's health made of its parts. Apps add their hardware parts with
 * {@link #health()}{@code .report(...)}.
 *
 * <p>Threading: state, command and answer callbacks run on the bus's dispatch thread and must
 * hand slow work on; {@link #record} blocks for the durable commit (a few ms).
 */
public final class DeviceRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeviceRuntime.class);
    public static final String VERSION = "0.1.0";

    private final DeviceSettings settings;
    private final Clock clock;
    private final Topics topics;
    private final MessageCodec codec = new MessageCodec();
    private final DeviceHealth health = new DeviceHealth();
    private final MessageBus bus;
    private final Outbox outbox;
    private final OutboxPublisher publisher;
    private final RequestClient requests;
    private final ClockOffset clockOffset;
    private final MachineVitals vitals;
    /** A restart command older than this (by the server's clock) is stale, e.g. redelivered after a restart. */
    static final Duration RESTART_FRESH_FOR = Duration.ofMinutes(1);
    private volatile Runnable restart;
    /** Uptime, disk and temperature change without any event: the status is re-sent this often. */
    static final Duration STATUS_REFRESH = Duration.ofMinutes(1);
    private final java.util.concurrent.ScheduledExecutorService refresher =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "status-refresh");
                t.setDaemon(true);
                return t;
            });

    private DeviceRuntime(DeviceSettings settings, Clock clock, ClockOffset clockOffset, MessageBus bus,
                          Outbox outbox) {
        this.settings = settings;
        this.clock = clock;
        this.clockOffset = clockOffset;
        this.vitals = MachineVitals.of(settings.dataDir());
        this.topics = Topics.of(settings.branch());
        this.bus = bus;
        this.outbox = outbox;
        this.publisher = new OutboxPublisher(outbox, bus, topics, settings.publisher());
        // Deadlines by the server's clock as estimated: a device minutes off would otherwise ask
        // with deadlines the server finds long past (or far away).
        this.requests = new RequestClient(bus, topics, settings.id(), clockOffset.serverClock());
    }

    /** Opens the outbox and starts connecting; returns at once, connected or not. */
    public static DeviceRuntime start(DeviceSettings settings, Clock clock) throws OutboxException {
        return start(settings, clock, null);
    }

    /**
     * As {@link #start(DeviceSettings, Clock)}, on a given bus (tests use an in-memory one);
     * {@code null} means the real broker from the settings.
     */
    public static DeviceRuntime start(DeviceSettings settings, Clock clock, MessageBus givenBus) throws OutboxException {
        return start(settings, clock, System::nanoTime, givenBus);
    }

    /**
     * As {@link #start(DeviceSettings, Clock, MessageBus)}, with the monotonic clock that times
     * round trips for the clock offset ({@code System::nanoTime}; tests give a manual one).
     */
    public static DeviceRuntime start(DeviceSettings settings, Clock clock, LongSupplier nanos, MessageBus givenBus)
            throws OutboxException {
        ClockOffset clockOffset = new ClockOffset(clock, nanos);
        // Event times by the server's clock as estimated, so the server compares like with like.
        Outbox outbox = Outbox.open(settings.dataDir().resolve("outbox.db"), settings.id(), settings.outboxCapacity(),
                clockOffset.serverClock());
        MessageCodec codec = new MessageCodec();
        Topics topics = Topics.of(settings.branch());
        MessageBus bus = givenBus != null ? givenBus : new PahoMessageBus(settings.bus(), Optional.of(new Will(
                topics.status(settings.id()), codec.encode(status(settings, false, Health.offline("connection lost"),
                        clock)))));
        DeviceRuntime runtime = new DeviceRuntime(settings, clock, clockOffset, bus, outbox);
        runtime.wire();
        if (bus instanceof PahoMessageBus paho) {
            paho.start();
        }
        log.info("device {} ({}) started; broker {}", settings.id(), settings.role().wire(), settings.bus().uri());
        return runtime;
    }

    private void wire() {
        health.report("broker", bus.isConnected() ? Health.OK : Health.degraded("server not reachable"));
        outbox.onHealthChange(h -> health.report("outbox", h));
        health.onChange(h -> publishStatus());
        bus.addConnectionListener(new MessageBus.ConnectionListener() {
            @Override
            public void connected() {
                health.report("broker", Health.OK);
                publishStatus();
                readServerClock();
            }

            @Override
            public void disconnected(String reason) {
                health.report("broker", Health.degraded("server not reachable: " + reason));
            }
        });
        onCommand(c -> {
            if (c.type() == io.counterline.protocol.CommandType.DEVICE_RESTART) {
                restartAsked(c);
            }
        });
        requests.start();
        publisher.start();
        refresher.scheduleWithFixedDelay(this::publishStatus, STATUS_REFRESH.toSeconds(), STATUS_REFRESH.toSeconds(),
                java.util.concurrent.TimeUnit.SECONDS);
    }

    /**
     * Commits an event durably to the outbox and wakes the publisher; when this returns, the
     * event will reach the server, whatever happens next.
     */
    public EventEnvelope record(EventType type, Object body) throws OutboxException {
        EventEnvelope e = outbox.append(type, codec.toBody(body));
        publisher.wake();
        return e;
    }

    /** Asks the server, with the configured timeout. */
    public CompletableFuture<Response> request(Operation op, Object args) {
        return requests.send(op, args, settings.requestTimeout());
    }

    public RequestClient requests() {
        return requests;
    }

    /**
     * What a {@code device.restart} command does: the app's {@code Shutdown::restart} (stop
     * cleanly, exit for systemd to start it again). Until it is set the command is logged and
     * ignored.
     */
    public void onRestart(Runnable restart) {
        this.restart = restart;
    }

    private void restartAsked(Command c) {
        Duration age = Duration.between(c.at(), clockOffset.serverNow()).abs();
        Runnable r = restart;
        if (age.compareTo(RESTART_FRESH_FOR) > 0) {
            log.warn("device.restart {} ignored: sent {} s ago", c.id(), age.toSeconds());
        } else if (r == null) {
            log.warn("device.restart {} ignored: this app cannot restart itself", c.id());
        } else {
            log.info("device.restart {}: restarting", c.id());
            r.run();
        }
    }

    /** Calls {@code handler} with every command for this device that decodes and names it. */
    public void onCommand(Consumer<Command> handler) {
        bus.subscribe(topics.commands(settings.id()), (topic, payload) -> {
            if (payload.length == 0) {
                return; // the server cleared a retained command
            }
            Decoded<Command> d = codec.decode(payload, Command.class, settings.id());
            d.ifAccepted(handler, r -> log.warn("bad command for {}: {}", settings.id(), r));
        });
    }

    /** Subscribes to a retained state topic, decoding into {@code type}; bad payloads are logged. */
    public <T> void onState(String topic, Class<T> type, Consumer<T> handler) {
        bus.subscribe(topic, (t, payload) -> codec.decode(payload, type)
                .ifAccepted(handler, r -> log.warn("bad state on {}: {}", t, r)));
    }

    public void onConnection(MessageBus.ConnectionListener listener) {
        bus.addConnectionListener(listener);
    }

    public boolean isConnected() {
        return bus.isConnected();
    }

    public DeviceHealth health() {
        return health;
    }

    public Topics topics() {
        return topics;
    }

    public MessageCodec codec() {
        return codec;
    }

    public DeviceSettings settings() {
        return settings;
    }

    public Outbox outbox() {
        return outbox;
    }

    public Clock clock() {
        return clock;
    }

    /** This device's clock offset from the server's, as estimated so far. */
    public ClockOffset clockOffset() {
        return clockOffset;
    }

    /**
     * Asks the server for its time, adds the sample to the clock offset and publishes the status
     * with the new estimate. Done at every connect; any thread, returns at once.
     */
    public CompletableFuture<ClockOffset.Sample> readServerClock() {
        ClockOffset.Start start = clockOffset.start();
        return request(Operation.CLOCK_READ, new Bodies.None()).thenApply(r -> {
            if (!r.ok()) {
                throw new IllegalStateException("clock.read refused: " + r.error());
            }
            ServerClock server = codec.decodeBody(r.result(), ServerClock.class).orThrow();
            ClockOffset.Sample sample = clockOffset.answered(start, server.at());
            log.info("clock offset sample: {} ms (round trip {} ms); estimate {} ms", sample.offset().toMillis(),
                    sample.roundTrip().toMillis(), clockOffset.estimate().map(Duration::toMillis).orElse(null));
            publishStatus();
            return sample;
        }).whenComplete((s, e) -> {
            if (e != null) {
                log.info("server clock not read: {}", e.getMessage());
            }
        });
    }

    private void publishStatus() {
        if (!bus.isConnected()) {
            return;
        }
        try {
            bus.publish(topics.status(settings.id()), codec.encode(new DeviceStatus(MessageCodec.VERSION, settings.id(),
                    settings.role(), true, health.overall(), VERSION, clock.instant(),
                    clockOffset.estimate().map(Duration::toMillis).orElse(null), vitals.read())), true);
        } catch (BusException e) {
            log.debug("status not published: {}", e.getMessage());
        }
    }

    private static DeviceStatus status(DeviceSettings s, boolean online, Health h, Clock clock) {
        return new DeviceStatus(MessageCodec.VERSION, s.id(), s.role(), online, h, VERSION, clock.instant());
    }

    /** Closes in reverse order of start; a clean disconnect, so the broker does not send the will. */
    @Override
    public void close() {
        refresher.shutdownNow();
        publisher.close();
        if (bus.isConnected()) {
            try {
                bus.publish(topics.status(settings.id()), codec.encode(status(settings, false,
                        Health.offline("stopped"), clock)), true);
            } catch (BusException e) {
                log.debug("final status not published: {}", e.getMessage());
            }
        }
        bus.close();
        outbox.close();
    }
}
