package io.counterline.kiosk;

import com.typesafe.config.ConfigFactory;
import io.counterline.device.DeviceRuntime;
import io.counterline.device.DeviceSettings;
import io.counterline.device.ScriptedServer;
import io.counterline.config.PinHash;
import io.counterline.kiosk.buttons.ServiceButtons;
import io.counterline.kiosk.printer.SlipPrinter;
import io.counterline.messaging.InMemoryBus;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.DayState;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.Operation;
import io.counterline.protocol.ServicesState;
import io.counterline.protocol.TicketIds;
import io.counterline.protocol.TicketRef;
import io.counterline.protocol.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A kiosk node on an {@link InMemoryBus} with a {@link ScriptedServer} of branch b001 that issues
 * A012, A013, … and leases blocks A501..A520, B501..B520, with services and day published.
 */
public final class KioskFixture implements AutoCloseable {
    public static final String DAY = "2026-11-22";
    public static final String ADMIN_PIN = "2468";
    /** Hashed once: PBKDF2 is slow on purpose. */
    public static final String ADMIN_PIN_HASH = PinHash.hash(ADMIN_PIN);

    public final InMemoryBus broker = new InMemoryBus();
    public final ScriptedServer server = new ScriptedServer(broker, "b001");
    public final FakeSlipPrinter printer = new FakeSlipPrinter();
    public final Topics topics = Topics.of("b001");
    private final Path dir;
    private final AtomicInteger nextNumber = new AtomicInteger(12);
    private final AtomicInteger nextBlock = new AtomicInteger(501);
    public DeviceRuntime runtime;
    public KioskNode node;
    /** The kiosk's wall clock; a test may skew it before {@link #start}. */
    public Clock clock = Clock.systemUTC();

    public KioskFixture(Path dir) {
        this.dir = dir;
        server.on(Operation.TICKET_ISSUE, r -> server.ok(r, issued(server.args(r, Bodies.IssueTicket.class).service(),
                nextNumber.getAndIncrement(), 5)));
        server.on(Operation.BLOCK_LEASE, r -> {
            Bodies.LeaseBlock lease = server.args(r, Bodies.LeaseBlock.class);
            int first = nextBlock.getAndAdd(lease.size());
            return server.ok(r, new Bodies.BlockLease(lease.service(), lease.service(), DAY, first,
                    first + lease.size() - 1));
        });
        server.publishState(topics.day(), day(DAY));
        server.publishState(topics.services(), services(
                service("A", "个人业务", "Personal", true, 3, 600),
                service("B", "对公业务", "Business", false, 0, 0)));
    }

    public static Bodies.IssuedTicket issued(String service, int number, int ahead) {
        String n = service + String.format("%03d", number);
        return new Bodies.IssuedTicket(new TicketRef(TicketIds.of("b001", DAY, n), n, service,
                Instant.parse("2026-11-22T01:30:00Z")), "个人业务", "Personal", "人民路支行", ahead, 300);
    }

    public static DayState day(String businessDay) {
        return new DayState(1, "b001", "人民路支行", businessDay, "Asia/Shanghai", Instant.parse("2026-11-21T19:00:00Z"));
    }

    public static ServicesState.Service service(String id, String zh, String en, boolean open, int waiting, int wait) {
        return new ServicesState.Service(id, id, zh, en, open, "09:00-17:00", waiting, wait);
    }

    public static ServicesState services(ServicesState.Service... services) {
        return new ServicesState(1, Instant.parse("2026-11-22T01:00:00Z"), DAY, List.of(services));
    }

    public KioskSettings settings(String extra) {
        return KioskSettings.from(ConfigFactory.parseString("""
                admin-pin-hash = "%s"
                confirmation-time = 30s
                status-poll = 50ms
                footer = ["请留意叫号"]
                %s
                """.formatted(ADMIN_PIN_HASH, extra)));
    }

    /** Starts (or restarts, on the same data folder) the device and the kiosk. */
    public KioskFixture start(Optional<ServiceButtons> buttons) throws Exception {
        return start(printer, buttons);
    }

    /** As {@link #start(Optional)}, printing on {@code slipPrinter} instead of the fake. */
    public KioskFixture start(SlipPrinter slipPrinter, Optional<ServiceButtons> buttons) throws Exception {
        DeviceSettings device = DeviceSettings.from(ConfigFactory.parseString("""
                device { id = kiosk-1, branch = b001, data-dir = "%s", request-timeout = 300ms }
                broker { uri = "tcp://127.0.0.1:1", secret = "kiosk-1-secret-0001" }
                """.formatted(dir)), DeviceRole.KIOSK);
        runtime = DeviceRuntime.start(device, clock, broker.client("kiosk-1"));
        node = KioskNode.start(settings(""), runtime, slipPrinter, buttons);
        return this;
    }

    public KioskFixture start() throws Exception {
        return start(Optional.empty());
    }

    public List<EventEnvelope> events(EventType type) {
        return server.events().stream().filter(e -> e.type() == type).toList();
    }

    /** Stops the kiosk and its device, as a power cut's restart would find them (files kept). */
    public void stop() {
        if (node != null) {
            node.close();
            node = null;
        }
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
