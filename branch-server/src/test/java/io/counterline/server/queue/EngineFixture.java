package io.counterline.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.CallsState;
import io.counterline.protocol.Command;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.CounterState;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Request;
import io.counterline.protocol.Response;
import io.counterline.protocol.ServicesState;
import io.counterline.server.config.BranchConfig;
import io.counterline.server.config.FloorChanges;
import io.counterline.server.config.TellerRoster;
import io.counterline.config.PinHash;
import io.counterline.server.store.SqliteBranchStore;
import io.counterline.testing.ManualClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An engine on a real SQLite file with a hand-moved clock, capturing what it sends. The branch:
 * services A (weight 3 at c1), B (weight 1 at c1, 3 at c2), C (9:00-17:00, at c3); tellers t1..t4
 * with PIN 1234; kiosks k1, k2; callers caller1..caller4 for c1..c4; pads pad1 (c1), pad2 (c2).
 */
final class EngineFixture implements AutoCloseable {
    static final String PIN_HASH = PinHash.hash("1234");
    /** 10:00 in Shanghai on 2026-11-22. */
    static final Instant MORNING = Instant.parse("2026-11-22T02:00:00Z");

    final MessageCodec codec = new MessageCodec();
    final ManualClock clock = new ManualClock(MORNING);
    final Map<String, Object> state = new ConcurrentHashMap<>();
    final List<Command> commands = new CopyOnWriteArrayList<>();
    final List<String> cleared = new CopyOnWriteArrayList<>();
    final Path dir;
    final BranchConfig config;
    SqliteBranchStore store;
    QueueEngine engine;
    /**
     * Set, the engine thread waits on it at its next state publication (after a commit), so that
     * what is submitted meanwhile is applied together in the next batch.
     */
    volatile CountDownLatch holdEngine;
    final CountDownLatch engineHeld = new CountDownLatch(1);
    /** How PINs are checked; a test may hold it up to see what waits behind it. */
    PinCheck.Verifier verifier = PinCheck.Verifier.CONFIGURED;
    /** What the console changed about services and counters; a test may set it before {@link #start()}. */
    FloorChanges floor = FloorChanges.NONE;
    /** Where counter callers' work orders go; a test may set it before {@link #start()}. */
    CounterOrders orders = CounterOrders.NONE;

    EngineFixture(Path dir) throws Exception {
        this(dir, "");
    }

    EngineFixture(Path dir, String extraHocon) throws Exception {
        this.dir = dir;
        this.config = branchConfig(dir, extraHocon);
        start();
    }

    /** The fixture's branch, described above; its store goes under {@code dir/server}. */
    static BranchConfig branchConfig(Path dir, String extraHocon) {
        StringBuilder tellers = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            tellers.append("{ id = t").append(i).append(", name = \"柜员").append(i).append("\", employee-no = E10")
                    .append(i).append(", pin-hash = \"").append(PIN_HASH).append("\" }\n");
        }
        StringBuilder devices = new StringBuilder("{ id = k1, role = kiosk, secret = \"k1-secret-00001\" }\n"
                + "{ id = k2, role = kiosk, secret = \"k2-secret-00001\" }\n"
                + "{ id = k3, role = kiosk, secret = \"k3-secret-00001\" }\n"
                + "{ id = hall, role = hall-display, secret = \"hall-secret-0001\" }\n"
                + "{ id = pad1, role = rating-pad, counter = c1, secret = \"pad1-secret-0001\" }\n"
                + "{ id = pad2, role = rating-pad, counter = c2, secret = \"pad2-secret-0001\" }\n");
        for (int i = 1; i <= 5; i++) {
            devices.append("{ id = caller").append(i).append(", role = counter-caller, counter = c").append(i)
                    .append(", secret = \"caller-secret-0001\" }\n");
        }
        return BranchConfig.from(ConfigFactory.parseString("""
                branch { id = b001, name = "测试支行", zone = "Asia/Shanghai" }
                server { id = server, secret = "server-secret-0001", data-dir = "%s" }
                broker { mode = embedded, embedded { host = "127.0.0.1", port = 1883 } }
                services = [
                  { id = A, prefix = A, name-zh = "个人业务", name-en = "Personal", last = 9999 }
                  { id = B, prefix = B, name-zh = "对公业务", name-en = "Business", last = 9999 }
                  { id = C, prefix = C, name-zh = "外汇", name-en = "Foreign exchange", hours = "09:00-17:00", last = 9999 }
                  { id = E, prefix = E, name-zh = "小额", name-en = "Small", first = 1, last = 3 }
                ]
                counters = [
                  { id = c1, number = "1", name-zh = "1号窗口", name-en = "Counter 1", services = [{ service = A, weight = 3 }, { service = B, weight = 1 }] }
                  { id = c2, number = "2", name-zh = "2号窗口", name-en = "Counter 2", services = [{ service = B, weight = 3 }] }
                  { id = c3, number = "3", name-zh = "3号窗口", name-en = "Counter 3", services = [{ service = C, weight = 1 }, { service = E, weight = 1 }] }
                  { id = c4, number = "4", name-zh = "4号窗口", name-en = "Counter 4", services = [{ service = A, weight = 1 }, { service = B, weight = 1 }] }
                  { id = c5, number = "5", name-zh = "5号窗口", name-en = "Counter 5", services = [{ service = A, weight = 2 }, { service = B, weight = 2 }, { service = C, weight = 1 }] }
                ]
                tellers = [ %s ]
                devices = [ %s ]
                %s
                """.formatted(dir.resolve("server"), tellers, devices, extraHocon))
                .withFallback(ConfigFactory.parseResources("branch-server-defaults.conf")).resolve());
    }

    void start() throws Exception {
        store = SqliteBranchStore.open(dir.resolve("server/branch.db"), clock);
        engine = QueueEngine.start(config, store, new Outbound() {
            @Override
            public void state(String topic, Object s) {
                state.put(topic.substring(topic.indexOf("/state/") + 7), s);
                CountDownLatch hold = holdEngine;
                if (hold != null) {
                    holdEngine = null;
                    engineHeld.countDown();
                    awaitQuietly(hold);
                }
            }

            @Override
            public void command(Command command, boolean retained) {
                commands.add(command);
            }

            @Override
            public void clearCommand(String device) {
                cleared.add(device);
            }
        }, clock, TellerRoster.of(config), floor, verifier, orders);
    }

    /** Stops as a crash would leave it: nothing beyond what was committed survives. */
    void restart() throws Exception {
        engine.close();
        store.close();
        state.clear();
        start();
    }

    Response send(String device, Operation op, Object args) throws Exception {
        return send(device, UUID.randomUUID().toString(), op, args);
    }

    Response send(String device, String id, Operation op, Object args) throws Exception {
        return engine.submit(device, Request.of(id, op, codec.toBody(args))).get(10, TimeUnit.SECONDS);
    }

    <T> T ok(String device, Operation op, Object args, Class<T> result) throws Exception {
        Response r = send(device, op, args);
        assertThat(r.ok()).as("%s %s → %s", device, op, r.error()).isTrue();
        return codec.decodeBody(r.result(), result).orThrow();
    }

    Bodies.IssuedTicket issue(String kiosk, String service) throws Exception {
        return ok(kiosk, Operation.TICKET_ISSUE, new Bodies.IssueTicket(service), Bodies.IssuedTicket.class);
    }

    Bodies.CounterReply teller(String caller, Operation op, Object args) throws Exception {
        return ok(caller, op, args, Bodies.CounterReply.class);
    }

    Bodies.CounterReply teller(String caller, Operation op) throws Exception {
        return teller(caller, op, new Bodies.None());
    }

    void signIn(String caller, String teller) throws Exception {
        teller(caller, Operation.TELLER_SIGN_IN, new Bodies.SignIn(teller, "1234"));
    }

    String error(String device, Operation op, Object args) throws Exception {
        Response r = send(device, op, args);
        assertThat(r.ok()).as("%s %s should fail", device, op).isFalse();
        return r.error().code();
    }

    String error(String device, Operation op) throws Exception {
        return error(device, op, new Bodies.None());
    }

    ServicesState services() {
        return (ServicesState) state.get("services");
    }

    CounterState counter(String id) {
        return (CounterState) state.get("counters/" + id);
    }

    CallsState calls() {
        return (CallsState) state.get("calls");
    }

    EventEnvelope event(String device, long seq, EventType type, Object body) {
        return new EventEnvelope(MessageCodec.VERSION, UUID.randomUUID().toString(), seq, device, type,
                clock.instant(), 1, codec.toBody(body));
    }

    /** Commits events as the ingest does; returns the new ones. */
    List<EventEnvelope> commit(EventEnvelope... events) throws Exception {
        return engine.commitEvents(List.of(events)).get(10, TimeUnit.SECONDS);
    }

    /** A number read from the store's file over a connection of its own, as any reader would. */
    long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("server/branch.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the engine has applied everything submitted so far. */
    void settle() throws Exception {
        engine.tick().get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        engine.close();
        store.close();
    }
}
