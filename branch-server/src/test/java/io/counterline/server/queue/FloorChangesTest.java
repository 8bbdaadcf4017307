package io.counterline.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.protocol.Bodies;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.CounterStatus;
import io.counterline.protocol.Operation;
import io.counterline.protocol.ServicesState;
import io.counterline.server.config.CounterConfig;
import io.counterline.server.config.FloorChanges;
import io.counterline.server.config.ServiceConfig;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Services and counters renamed or disabled while the engine runs (the console's changes), no restart. */
class FloorChangesTest {
    @TempDir
    Path dir;

    private EngineFixture f;
    private final Map<String, FloorChanges.Change> services = new ConcurrentHashMap<>();
    private final Map<String, FloorChanges.Change> counters = new ConcurrentHashMap<>();
    private final List<FloorChanges.AddedService> added = new CopyOnWriteArrayList<>();
    private final List<FloorChanges.AddedCounter> addedCounters = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        f = new EngineFixture(dir);
        f.floor = new FloorChanges() {
            @Override
            public Optional<Change> service(String id) {
                return Optional.ofNullable(services.get(id));
            }

            @Override
            public Optional<Change> counter(String id) {
                return Optional.ofNullable(counters.get(id));
            }

            @Override
            public List<AddedService> addedServices() {
                // New objects at each call, as the console's adapter makes them.
                return added.stream().map(a -> new AddedService(new ServiceConfig(a.service().id(),
                        a.service().prefix(), a.service().nameZh(), a.service().nameEn(), a.service().first(),
                        a.service().last(), a.service().opens(), a.service().closes()), a.counters())).toList();
            }

            @Override
            public List<AddedCounter> addedCounters() {
                return List.copyOf(addedCounters);
            }
        };
        f.restart();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private ServicesState.Service service(String id) {
        return f.services().services().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void disabledService_kioskRefused_shownClosed_waitingTicketsStillCalled() throws Exception {
        f.issue("k1", "A");
        f.issue("k1", "A");

        services.put("A", new FloorChanges.Change("个人业务", "Personal", true));
        f.settle();

        assertThat(service("A").open()).as("kiosks show it closed after the next look").isFalse();
        assertThat(service("A").waiting()).isEqualTo(2);
        assertThat(service("B").open()).isTrue();
        assertThat(f.error("k1", Operation.TICKET_ISSUE, new Bodies.IssueTicket("A"))).isEqualTo("SERVICE_DISABLED");
        assertThat(f.error("k1", Operation.BLOCK_LEASE, new Bodies.LeaseBlock("A", 5))).isEqualTo("SERVICE_DISABLED");
        assertThat(f.issue("k1", "B").ticket().number()).isEqualTo("B001");

        f.signIn("caller1", "t1");
        assertThat(f.teller("caller1", Operation.CALL_NEXT).counter().ticket().number())
                .as("tickets already waiting are still served").isEqualTo("A001");

        services.remove("A");
        f.settle();
        assertThat(service("A").open()).isTrue();
        assertThat(f.issue("k1", "A").ticket().number()).isEqualTo("A003");
    }

    @Test
    void serviceAddedInTheConsole_issuedAndCalledByItsCounters_inTheState_withoutARestart() throws Exception {
        f.signIn("caller2", "t2");
        f.signIn("caller3", "t3");
        assertThat(f.error("k1", Operation.TICKET_ISSUE, new Bodies.IssueTicket("V"))).isEqualTo("UNKNOWN_SERVICE");

        added.add(new FloorChanges.AddedService(new ServiceConfig("V", "V", "贵宾业务", "VIP", 1, 999, LocalTime.MIN,
                LocalTime.MAX), Map.of("c2", 5)));
        // Another with a prefix the branch file has: left out (its numbers would not be unique).
        added.add(new FloorChanges.AddedService(new ServiceConfig("A2", "A", "重复", "Clash", 1, 999, LocalTime.MIN,
                LocalTime.MAX), Map.of("c2", 1)));
        f.settle();

        assertThat(service("V").open()).as("published in state/services within the next look").isTrue();
        assertThat(service("V").nameZh()).isEqualTo("贵宾业务");
        assertThat(f.services().services()).noneMatch(s -> s.id().equals("A2"));
        assertThat(f.error("k1", Operation.TICKET_ISSUE, new Bodies.IssueTicket("A2"))).isEqualTo("UNKNOWN_SERVICE");
        Bodies.IssuedTicket v = f.issue("k1", "V");
        assertThat(v.ticket().number()).isEqualTo("V001");
        assertThat(v.serviceNameEn()).isEqualTo("VIP");
        assertThat(f.issue("k1", "B").ticket().number()).isEqualTo("B001");

        assertThat(f.error("caller3", Operation.CALL_NEXT)).as("c3 does not serve V").isEqualTo("NO_TICKET_WAITING");
        assertThat(f.teller("caller2", Operation.CALL_NEXT).counter().ticket().number())
                .as("c2 serves V with weight 5 over B's 3").isEqualTo("V001");
        assertThat(f.teller("caller2", Operation.CALL_NEXT).counter().ticket().number()).isEqualTo("B001");

        // Offline numbers of the new service can be leased too, and renaming it works like any other.
        assertThat(f.ok("k1", Operation.BLOCK_LEASE, new Bodies.LeaseBlock("V", 5), Bodies.BlockLease.class).service())
                .isEqualTo("V");
        services.put("V", new FloorChanges.Change("贵宾", "VIP room", false));
        f.settle();
        assertThat(service("V").nameEn()).isEqualTo("VIP room");
    }

    @Test
    void renamedService_newNamesOnTheSlipAndInTheState() throws Exception {
        services.put("B", new FloorChanges.Change("公司业务", "Corporate", false));
        f.settle();

        assertThat(service("B").nameZh()).isEqualTo("公司业务");
        assertThat(service("B").nameEn()).isEqualTo("Corporate");
        assertThat(service("B").open()).isTrue();
        Bodies.IssuedTicket t = f.issue("k1", "B");
        assertThat(t.serviceNameZh()).isEqualTo("公司业务");
        assertThat(t.serviceNameEn()).isEqualTo("Corporate");
    }

    @Test
    void disabledCounter_nobodySignsIn_theTellerThereStaysUntilSigningOut() throws Exception {
        f.issue("k1", "A");
        f.issue("k1", "A");
        f.signIn("caller1", "t1");
        f.teller("caller1", Operation.CALL_NEXT);

        counters.put("c1", new FloorChanges.Change("1号窗口", "Counter 1", true));
        f.settle();

        assertThat(f.counter("c1").teller().id()).as("not thrown out mid-customer").isEqualTo("t1");
        assertThat(f.teller("caller1", Operation.CALL_NEXT).counter().ticket().number()).isEqualTo("A002");
        f.signIn("caller1", "t1"); // the same teller signing in again where they are is no new sign-in

        f.teller("caller1", Operation.SERVICE_COMPLETE);
        f.teller("caller1", Operation.TELLER_SIGN_OUT);
        assertThat(f.error("caller1", Operation.TELLER_SIGN_IN, new Bodies.SignIn("t2", "1234")))
                .isEqualTo("COUNTER_DISABLED");
        assertThat(f.counter("c1").status()).isEqualTo(CounterStatus.CLOSED);
        f.signIn("caller2", "t2");

        counters.remove("c1");
        f.signIn("caller1", "t1");
        assertThat(f.counter("c1").teller().id()).isEqualTo("t1");
    }

    @Test
    void renamedCounter_stateRepublishedAtTheNextLook_callsCarryTheNewName() throws Exception {
        f.issue("k1", "A");
        f.signIn("caller1", "t1");

        counters.put("c1", new FloorChanges.Change("一号贵宾窗口", "VIP counter 1", false));
        f.settle();

        assertThat(f.counter("c1").nameZh()).as("published without any action at the counter")
                .isEqualTo("一号贵宾窗口");
        assertThat(f.counter("c2").nameZh()).isEqualTo("2号窗口");
        f.teller("caller1", Operation.CALL_NEXT);
        assertThat(f.calls().calls().get(0).counterNameEn()).isEqualTo("VIP counter 1");
    }

    @Test
    void counterAddedInTheConsole_seatedAndServedByItsDevices_withoutARestart_keptAcrossOne() throws Exception {
        f.issue("k1", "A");
        assertThat(f.error("caller9", Operation.TELLER_SIGN_IN, new Bodies.SignIn("t1", "1234")))
                .as("not a device yet").isEqualTo("NOT_ALLOWED");

        addedCounters.add(new FloorChanges.AddedCounter(new CounterConfig("c9", "9", "9号窗口", "Counter 9",
                Map.of("A", 2)), "caller9", "pad9"));
        // One whose device the branch file has (the file was edited since): left out.
        addedCounters.add(new FloorChanges.AddedCounter(new CounterConfig("c8", "8", "8号窗口", "Counter 8",
                Map.of("A", 1)), "caller1", "pad8"));
        f.settle();

        assertThat(f.counter("c9").status()).as("published in state/counter/c9 at the next look")
                .isEqualTo(CounterStatus.CLOSED);
        assertThat(f.counter("c9").nameEn()).isEqualTo("Counter 9");
        f.signIn("caller9", "t1");
        assertThat(f.teller("caller9", Operation.CALL_NEXT).counter().ticket().number()).isEqualTo("A001");
        f.teller("caller9", Operation.SERVICE_START);
        f.teller("caller9", Operation.SERVICE_COMPLETE);
        assertThat(f.commands).as("the rating arm goes to c9's pad")
                .anyMatch(c -> c.device().equals("pad9") && c.type() == CommandType.RATING_ARM);
        assertThat(f.error("pad8", Operation.TELLER_SIGN_IN, new Bodies.SignIn("t2", "1234"))).isEqualTo("NOT_ALLOWED");

        f.restart();
        assertThat(f.counter("c9").teller().id()).as("the seat comes back from the store").isEqualTo("t1");
        assertThat(f.counter("c8")).isNull();
    }
}
