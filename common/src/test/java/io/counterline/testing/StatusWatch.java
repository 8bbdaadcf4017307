package io.counterline.testing;

import static org.awaitility.Awaitility.await;

import io.counterline.messaging.BusSettings;
import io.counterline.messaging.PahoMessageBus;
import io.counterline.protocol.DeviceStatus;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Watches one device's retained {@code status} on a real broker, as the server and the console
 * do: every status received, in order. A new watch gets the retained one first, which is how a
 * test sees what a device left behind after it stopped.
 */
public final class StatusWatch implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final PahoMessageBus bus;
    private final List<DeviceStatus> received = new CopyOnWriteArrayList<>();

    private StatusWatch(PahoMessageBus bus) {
        this.bus = bus;
    }

    /** Connects as {@code watcher} and subscribes to {@code device}'s status in {@code branch}. */
    public static StatusWatch start(String brokerUri, String branch, String device, String watcher) {
        MessageCodec codec = new MessageCodec();
        PahoMessageBus bus = new PahoMessageBus(BusSettings.of(brokerUri, watcher, "unused-secret"), Optional.empty());
        StatusWatch watch = new StatusWatch(bus);
        bus.subscribe(Topics.of(branch).status(device), (topic, payload) ->
                codec.decode(payload, DeviceStatus.class).ifAccepted(watch.received::add, r -> { }));
        bus.start();
        await().atMost(PATIENCE).until(bus::isConnected);
        return watch;
    }

    /** Waits for a status that {@code matches}; fails listing what came instead. */
    public DeviceStatus awaitStatus(Predicate<DeviceStatus> matches, String what) {
        await().alias(what).atMost(PATIENCE).until(() -> received.stream().anyMatch(matches));
        return received.stream().filter(matches).findFirst().orElseThrow();
    }

    public List<DeviceStatus> received() {
        return List.copyOf(received);
    }

    /** Online, as the device publishes when connected. */
    public static boolean online(DeviceStatus s) {
        return s.online();
    }

    /** What a device publishes when it is stopped cleanly ({@code DeviceRuntime.close}), not its Last Will. */
    public static boolean stopped(DeviceStatus s) {
        return !s.online() && "stopped".equals(s.health().reason());
    }

    @Override
    public void close() {
        bus.close();
    }
}
