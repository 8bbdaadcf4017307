package io.counterline.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.protocol.Topics;
import io.counterline.server.broker.AccessRules;
import io.counterline.server.broker.Credentials;
import io.counterline.server.broker.EmbeddedBroker;
import io.counterline.server.testing.ConnectionEvents;
import io.counterline.testing.FreePort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A broker address where something accepts TCP and never answers (a hung broker, a wrong
 * port): the bus must say it is disconnected, keep trying, and connect once a real broker is
 * there, although the silent connections it opened are still open.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PahoConnectWatchdogIT {
    private static final String DEVICE = "kiosk-1";
    private static final String SECRET = "kiosk-1-secret-0001";

    /** Accepts connections on loopback and keeps them open without a byte said. */
    private static final class SilentAcceptor implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final Thread thread;

        SilentAcceptor(int port) throws IOException {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        held.add(server.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-acceptor");
            thread.setDaemon(true);
            thread.start();
        }

        int accepted() {
            return held.size();
        }

        /** Stops listening; the connections already accepted stay open and silent. */
        void stopListening() throws IOException, InterruptedException {
            server.close();
            thread.join(5000);
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void connect_peerNeverSendsConnack_reportsDisconnectedAndConnectsWhenARealBrokerComes() throws Exception {
        int port = FreePort.find();
        ConnectionEvents recorder = new ConnectionEvents();
        List<String> events = recorder.list();
        BusSettings settings = new BusSettings("tcp://127.0.0.1:" + port, DEVICE, SECRET.toCharArray(),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(10), Duration.ofSeconds(1), 100,
                new Backoff(Duration.ofMillis(100), Duration.ofMillis(500)));
        try (SilentAcceptor silent = new SilentAcceptor(port);
             PahoMessageBus bus = new PahoMessageBus(settings, Optional.empty())) {
            bus.addConnectionListener(recorder);
            bus.start();
            // A second accepted connection proves that the first, hung attempt was given up.
            await().atMost(Duration.ofSeconds(30)).until(() -> silent.accepted() >= 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
            assertThat(events.get(0)).startsWith("disconnected: ").contains("CONNACK");
            assertThat(bus.isConnected()).isFalse();

            silent.stopListening();
            try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", port,
                    new Credentials(Map.of(DEVICE, SECRET)), new AccessRules(Topics.of("b001"), "server"))) {
                await().atMost(Duration.ofSeconds(30)).until(bus::isConnected);
                await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("connected"));
                assertThat(events.stream().filter(e -> e.startsWith("disconnected")).count())
                        .as("one report per outage, not one per attempt: %s", events).isEqualTo(1);
            }
        }
    }

    @Test
    void addConnectionListener_afterTheBusConnected_hearsConnectedOnce() throws Exception {
        int port = FreePort.find();
        BusSettings settings = new BusSettings("tcp://127.0.0.1:" + port, DEVICE, SECRET.toCharArray(),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(10), Duration.ofSeconds(1), 100,
                new Backoff(Duration.ofMillis(100), Duration.ofMillis(500)));
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", port,
                new Credentials(Map.of(DEVICE, SECRET)), new AccessRules(Topics.of("b001"), "server"));
             PahoMessageBus bus = new PahoMessageBus(settings, Optional.empty())) {
            ConnectionEvents early = new ConnectionEvents();
            bus.addConnectionListener(early);
            bus.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> early.list().contains("connected"));

            // As a kiosk does: its controller registers once the bus is already up.
            ConnectionEvents late = new ConnectionEvents();
            bus.addConnectionListener(late);
            ConnectionEvents sentinel = new ConnectionEvents();
            bus.addConnectionListener(sentinel);
            await().atMost(Duration.ofSeconds(10)).until(() -> sentinel.list().contains("connected"));
            assertThat(late.list()).containsExactly("connected");
            assertThat(early.list()).containsExactly("connected");
        }
    }
}
