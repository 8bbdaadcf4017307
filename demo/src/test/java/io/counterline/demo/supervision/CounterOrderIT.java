package io.counterline.demo.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import io.counterline.caller.CallerHardware;
import io.counterline.caller.CallerNode;
import io.counterline.caller.CallerSettings;
import io.counterline.console.Console;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.Scope;
import io.counterline.console.auth.User;
import io.counterline.console.monitor.MonitorEvent;
import io.counterline.console.monitor.MonitorFeed;
import io.counterline.console.supervision.OrderAction;
import io.counterline.console.supervision.SupervisionStore;
import io.counterline.console.supervision.WorkOrder;
import io.counterline.device.DeviceRuntime;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Response;
import io.counterline.server.BranchServer;
import io.counterline.server.testing.TestBranch;
import io.counterline.server.testing.TestDevices;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Work orders from the counter, end to end: a real branch server (engine, SQLite store, embedded
 * broker, console with supervision) and real counter caller nodes and a kiosk runtime over MQTT.
 * The teller at c1 registers a complaint for the customer being served; it is in the console,
 * linked to the ticket, counter and teller, created once however often the request is asked
 * again; the teller it is about cannot own it; its reminder reaches the owner's counter caller
 * (the teller signed in at c2) and the live monitor, and not the teller concerned; signed out and
 * in again, the owner's caller shows the standing reminder again.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CounterOrderIT {
    private static final Duration SECONDS = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private BranchServer server;
    private final List<AutoCloseable> devices = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = devices.size() - 1; i >= 0; i--) {
            devices.get(i).close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void orderFromTheCounter_inTheConsoleOnce_andItsReminderOnTheOwnersCallerAndTheMonitor() throws Exception {
        TestBranch branch = new TestBranch(dir).withQueue().extra("console { listen = \"127.0.0.1:0\", heartbeat = 1s }");
        io.counterline.server.config.BranchConfig config = branch.config();
        server = BranchServer.start(config, Clock.systemUTC());
        Console console = server.console().orElseThrow().console();
        console.users().add("test", "-", "boss", "经理", Role.BRANCH_MANAGER, Scope.BRANCH, Optional.empty(), "zh",
                "boss-password-1").get(30, TimeUnit.SECONDS);
        console.users().add("test", "-", "wang", "王芳", Role.TELLER, Scope.BRANCH, Optional.of("t1"), "zh",
                "wang-password-1").get(30, TimeUnit.SECONDS);
        console.users().add("test", "-", "li", "李娜", Role.TELLER, Scope.BRANCH, Optional.of("t2"), "zh",
                "li-password-1").get(30, TimeUnit.SECONDS);
        List<MonitorEvent> monitor = new CopyOnWriteArrayList<>();
        console.feed().subscribe(new MonitorFeed.Subscriber() {
            @Override
            public boolean send(MonitorEvent event) {
                return monitor.add(event);
            }

            @Override
            public boolean heartbeat() {
                return true;
            }

            @Override
            public Scope scope() {
                return Scope.parse("counters=c1");
            }
        }, Optional.empty());

        DeviceRuntime kiosk = device("kiosk-1", DeviceRole.KIOSK);
        DeviceRuntime callerOne = device("caller-1", DeviceRole.COUNTER_CALLER);
        CallerNode one = caller(callerOne, "c1");
        CallerNode two = caller(device("caller-2", DeviceRole.COUNTER_CALLER), "c2");
        await().atMost(SECONDS).until(() -> kiosk.isConnected() && callerOne.isConnected());
        assertThat(kiosk.request(Operation.TICKET_ISSUE, new Bodies.IssueTicket("A")).get(10, TimeUnit.SECONDS).ok())
                .isTrue();

        // The teller at c1 serves A001 and registers the customer's complaint.
        await().atMost(SECONDS).until(() -> one.controller().view().online());
        one.controller().signIn("t1", "1234").get(10, TimeUnit.SECONDS);
        one.controller().callNext().get(10, TimeUnit.SECONDS);
        Bodies.OrderCreated created = one.controller().createOrder("complaint", "<b>等候太久</b>", "138-0000-0000")
                .get(10, TimeUnit.SECONDS);
        assertThat(created.ticket()).isEqualTo("A001");
        assertThat(one.controller().view().notice()).startsWith("已登记工单 #" + created.order() + " 投诉 A001");

        User boss = console.users().find("boss").orElseThrow();
        WorkOrder order = console.supervision().orders().get(boss, created.order());
        assertThat(order.channel()).isEqualTo("counter");
        assertThat(order.category()).isEqualTo("complaint");
        assertThat(order.ticket()).startsWith("b001-").endsWith("-A001");
        assertThat(order.counter()).isEqualTo("c1");
        assertThat(order.teller()).isEqualTo("t1");
        assertThat(order.owner()).isNull();
        assertThat(order.description()).isEqualTo("<b>等候太久</b>");
        assertThat(order.deadline()).isEqualTo(created.deadline()).isAfter(order.createdAt());

        // "What became of id X": the same request id asked twice creates nothing more.
        String id = UUID.randomUUID().toString();
        Bodies.NewOrder question = new Bodies.NewOrder("consultation", "开户材料", null);
        Response first = callerOne.requests().send(id, Operation.ORDER_CREATE, question, SECONDS).get(20,
                TimeUnit.SECONDS);
        Response again = callerOne.requests().send(id, Operation.ORDER_CREATE, question, SECONDS).get(20,
                TimeUnit.SECONDS);
        long firstNo = callerOne.codec().decodeBody(first.result(), Bodies.OrderCreated.class).orThrow().order();
        assertThat(callerOne.codec().decodeBody(again.result(), Bodies.OrderCreated.class).orThrow().order())
                .isEqualTo(firstNo);
        assertThat(console.supervision().orders().visible(boss)).extracting(WorkOrder::id)
                .containsExactlyInAnyOrder(created.order(), firstNo);
        // Only counter callers may ask.
        assertThat(kiosk.request(Operation.ORDER_CREATE, question).get(10, TimeUnit.SECONDS).error().code())
                .isEqualTo("NOT_ALLOWED");

        // The teller it is about cannot own it; li (t2, signed in at c2) does.
        assertThatThrownBy(() -> console.supervision().orders().act(boss, "-", created.order(), OrderAction.ASSIGN,
                "wang", "")).hasMessage("the teller an order is about cannot be its owner");
        console.supervision().orders().act(boss, "-", created.order(), OrderAction.ASSIGN, "li", "请回电");
        await().atMost(SECONDS).until(() -> two.controller().view().online());
        two.controller().signIn("t2", "1234").get(10, TimeUnit.SECONDS);

        // The reminder falls due (a reminder time longer than any deadline) and is raised once.
        try (SupervisionStore settings = SupervisionStore.open(config.console().orElseThrow().database())) {
            settings.setSetting("reminder-before", "999d");
        }
        console.supervision().escalator().tick();
        console.supervision().escalator().tick();
        await().atMost(SECONDS).until(() -> two.controller().notices().notices().stream()
                .anyMatch(n -> n.order() == created.order() && n.level().equals("reminder")));
        await().atMost(SECONDS).until(() -> monitor.stream().anyMatch(e -> e.type().equals("notice")
                && e.json().contains("\"order\":" + created.order()) && e.json().contains("\"to\":\"li\"")));
        assertThat(one.controller().notices().notices()).as("the teller concerned is not told").isEmpty();
        assertThat(two.controller().notices().notices()).hasSize(1);

        // Signing out clears the caller's notices; signing in again brings the standing one back.
        two.controller().signOut().get(10, TimeUnit.SECONDS);
        await().atMost(SECONDS).until(() -> two.controller().notices().notices().isEmpty());
        two.controller().signIn("t2", "1234").get(10, TimeUnit.SECONDS);
        await().atMost(SECONDS).until(() -> two.controller().notices().notices().stream()
                .anyMatch(n -> n.order() == created.order()));
    }

    private DeviceRuntime device(String id, DeviceRole role) throws Exception {
        DeviceRuntime runtime = TestDevices.start(id, role, server.brokerUri(), dir.resolve(id));
        devices.add(runtime);
        return runtime;
    }

    private CallerNode caller(DeviceRuntime runtime, String counter) {
        CallerSettings settings = CallerSettings.from(ConfigFactory.parseString("counter = " + counter
                + ", counter-number = \"" + counter.substring(1) + "\"")
                .withFallback(ConfigFactory.defaultReference().getConfig("counter-caller")));
        CallerHardware hardware = CallerHardware.simulated();
        devices.add(hardware);
        CallerNode node = CallerNode.start(settings, runtime, hardware);
        devices.add(node);
        return node;
    }
}
