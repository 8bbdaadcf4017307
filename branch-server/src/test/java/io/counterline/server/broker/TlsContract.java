package io.counterline.server.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.messaging.Backoff;
import io.counterline.messaging.BusSettings;
import io.counterline.messaging.PahoMessageBus;
import io.counterline.protocol.Topics;
import io.counterline.server.config.BranchConfig;
import io.counterline.server.testing.BrokerProcess;
import io.counterline.server.testing.ConnectionEvents;
import io.counterline.testing.FreePort;
import io.counterline.server.testing.TestBranch;
import io.counterline.server.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ssl://} end to end: the broker's TLS listener configured from the branch file's
 * {@code broker.tls} (certificates made by the test), the real {@link PahoMessageBus} on both ends.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
abstract class TlsContract {
    private final Topics topics = Topics.of(TestBranch.BRANCH);
    private final List<PahoMessageBus> buses = new ArrayList<>();

    @TempDir
    Path dir;

    private BrokerProcess broker;
    private TestCertificates certs;
    private int tlsPort;

    abstract BrokerProcess broker(TestBranch branch, BranchConfig config, Path dir) throws Exception;

    @BeforeEach
    void startBroker() throws Exception {
        certs = TestCertificates.generate(dir.resolve("tls"), "branch-broker");
        tlsPort = FreePort.find();
        TestBranch branch = new TestBranch(dir).externalBroker().extra("""
                broker.tls {
                  port = %d
                  key-store = "%s"
                  key-store-password-file = "%s"
                  cert-file = "%s"
                  key-file = "%s"
                }
                """.formatted(tlsPort, certs.keyStore(), passwordFile(), certs.certPem(), certs.keyPem()));
        broker = broker(branch, branch.config(), dir);
        broker.start();
    }

    private Path passwordFile() throws Exception {
        Path f = dir.resolve("tls").resolve("store-password");
        java.nio.file.Files.writeString(f, TestCertificates.PASSWORD + "\n");
        return f;
    }

    @AfterEach
    void stop() {
        buses.forEach(PahoMessageBus::close);
        if (broker != null) {
            broker.close();
        }
    }

    private PahoMessageBus bus(String user, String secret, Path trustStore, ConnectionEvents events) {
        BusSettings s = new BusSettings("ssl://127.0.0.1:" + tlsPort, user, secret.toCharArray(),
                Optional.of(trustStore), Optional.of(TestCertificates.PASSWORD), Duration.ofSeconds(10),
                Duration.ofSeconds(5), 100, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
        PahoMessageBus bus = new PahoMessageBus(s, Optional.empty());
        buses.add(bus);
        bus.addConnectionListener(events);
        return bus;
    }

    @Test
    void ssl_brokerCertificateTrusted_deviceAndServerExchangeMessages() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        PahoMessageBus server = bus(TestBranch.SERVER, TestBranch.SERVER_SECRET, certs.trustStore(), new ConnectionEvents());
        server.subscribe(topics.allDevices(Topics.Channel.STATUS), (t, p) -> seen.add(t + " "
                + new String(p, StandardCharsets.UTF_8)));
        server.start();
        PahoMessageBus kiosk = bus("kiosk-1", TestBranch.secretOf("kiosk-1"), certs.trustStore(), new ConnectionEvents());
        kiosk.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> server.isConnected() && kiosk.isConnected());
        // The server's subscription is made on connect; publish until it has taken effect.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            kiosk.publish(topics.status("kiosk-1"), "over tls".getBytes(StandardCharsets.UTF_8), false);
            return seen.contains(topics.status("kiosk-1") + " over tls");
        });
    }

    @Test
    void ssl_brokerCertificateNotTrusted_isRefusedAndReported() throws Exception {
        TestCertificates stranger = TestCertificates.generate(dir.resolve("other"), "someone-else");
        ConnectionEvents events = new ConnectionEvents();
        PahoMessageBus kiosk = bus("kiosk-1", TestBranch.secretOf("kiosk-1"), stranger.trustStore(), events);
        kiosk.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !events.list().isEmpty());
        assertThat(events.list().get(0)).startsWith("disconnected: ");
        assertThat(kiosk.isConnected()).isFalse();
    }
}
