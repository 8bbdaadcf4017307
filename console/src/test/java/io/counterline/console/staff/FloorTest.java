package io.counterline.console.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.console.BranchDirectory;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.ConsoleUsers;
import io.counterline.console.store.ConsoleStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Services added in the console, over a real console.db: checked field by field, kept, audited. */
class FloorTest {
    @TempDir
    Path dir;

    private static final List<Floor.Place> SEED = List.of(
            new Floor.Place(Floor.Kind.SERVICE, "A", "个人业务", "Personal", false, false),
            new Floor.Place(Floor.Kind.COUNTER, "c1", "1号窗口", "Counter 1", false, false),
            new Floor.Place(Floor.Kind.COUNTER, "c2", "2号窗口", "Counter 2", false, false));
    private static final Map<String, String> PREFIXES = Map.of("A", "A");

    private Floor open(ConsoleStore store) throws Exception {
        return new Floor(store, new AuditLog(store, Clock.systemUTC()), Clock.systemUTC(), SEED, PREFIXES);
    }

    private static void add(Floor floor, String id, String prefix, String first, String last, String opens,
                            String closes, Map<String, String> weights) throws ConsoleUsers.Refused {
        floor.addService("admin", "127.0.0.1", id, prefix, "贵宾业务", "VIP", first, last, opens, closes, weights);
    }

    @Test
    void badFields_refusedNamingTheField_nothingAdded() throws Exception {
        try (ConsoleStore store = ConsoleStore.open(dir.resolve("console.db"))) {
            Floor floor = open(store);
            Map<String, String> c1 = Map.of("c1", "5");
            assertThatThrownBy(() -> add(floor, "<b>", "V", "1", "999", "09:00", "17:00", c1)).hasMessageStartingWith("id:");
            assertThatThrownBy(() -> add(floor, "A", "V", "1", "999", "09:00", "17:00", c1)).hasMessageContaining("already");
            assertThatThrownBy(() -> add(floor, "V", "A", "1", "999", "09:00", "17:00", c1)).hasMessageContaining("another service");
            assertThatThrownBy(() -> add(floor, "V", "v", "1", "999", "09:00", "17:00", c1)).hasMessageStartingWith("prefix:");
            assertThatThrownBy(() -> add(floor, "V", "V", "0", "999", "09:00", "17:00", c1)).hasMessageStartingWith("first number");
            assertThatThrownBy(() -> add(floor, "V", "V", "50", "10", "09:00", "17:00", c1)).hasMessageContaining("above");
            assertThatThrownBy(() -> add(floor, "V", "V", "1", "99999", "09:00", "17:00", c1)).hasMessageStartingWith("last number");
            assertThatThrownBy(() -> add(floor, "V", "V", "1", "999", "9am", "17:00", c1)).hasMessageStartingWith("opens");
            assertThatThrownBy(() -> add(floor, "V", "V", "1", "999", "17:00", "09:00", c1)).hasMessageContaining("before");
            assertThatThrownBy(() -> add(floor, "V", "V", "1", "999", "09:00", "17:00", Map.of()))
                    .hasMessageContaining("at least one counter");
            assertThatThrownBy(() -> add(floor, "V", "V", "1", "999", "09:00", "17:00", Map.of("c1", "500")))
                    .hasMessageStartingWith("weight of c1");
            assertThatThrownBy(() -> floor.addService("admin", "ip", "V", "V", " ", "VIP", "1", "9", "09:00", "17:00", c1))
                    .hasMessageContaining("1 to 40");
            assertThat(floor.added()).isEmpty();
            assertThat(store.addedServices()).isEmpty();
        }
    }

    @Test
    void added_keptAcrossARestart_listedNamedAndAudited_renamedLikeAnyService() throws Exception {
        Path file = dir.resolve("console.db");
        try (ConsoleStore store = ConsoleStore.open(file)) {
            Floor floor = open(store);
            add(floor, "V", "V", "1", "500", "08:30", "24:00", Map.of("c2", "5", "c9", "3", "c1", ""));
            assertThatThrownBy(() -> add(floor, "W", "V", "1", "500", "08:30", "17:00", Map.of("c2", "1")))
                    .as("a prefix another added service has").hasMessageContaining("another service");
            assertThat(store.auditEntries(10, Optional.empty())).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("service.add");
                assertThat(e.after()).contains("prefix=V").contains("numbers=1-500").contains("hours=08:30-24:00")
                        .contains("counters=c2=5");
            });
        }
        try (ConsoleStore store = ConsoleStore.open(file)) {
            Floor floor = open(store);
            assertThat(floor.added()).singleElement().satisfies(s -> {
                assertThat(s.prefix()).isEqualTo("V");
                assertThat(s.opens()).isEqualTo(LocalTime.of(8, 30));
                assertThat(s.closes()).isEqualTo(LocalTime.MAX);
                assertThat(s.counters()).as("only counters that exist, with a weight").isEqualTo(Map.of("c2", 5));
            });
            assertThat(floor.all(Floor.Kind.SERVICE)).extracting(Floor.Place::id).containsExactly("A", "V");
            BranchDirectory d = floor.named(new BranchDirectory("b001", "测试支行", ZoneId.of("Asia/Shanghai"), List.of(),
                    List.of(), List.of(new BranchDirectory.Named("A", "个人业务"))));
            assertThat(d.serviceName("V")).isEqualTo("贵宾业务");
            floor.rename("admin", "ip", Floor.Kind.SERVICE, "V", "贵宾", "VIP room");
            floor.setDisabled("admin", "ip", Floor.Kind.SERVICE, "V", true);
            assertThat(floor.changed(Floor.Kind.SERVICE, "V")).hasValueSatisfying(p -> {
                assertThat(p.nameEn()).isEqualTo("VIP room");
                assertThat(p.disabled()).isTrue();
            });
        }
    }

    // ---------------------------------------------------------------- counters added in the console

    private static Floor.AddedCounter addCounter(Floor floor, String id, String number, Map<String, String> weights,
                                                 String caller, String pad) throws ConsoleUsers.Refused {
        return floor.addCounter("admin", "127.0.0.1", id, number, "9号窗口", "Counter 9", weights, caller, pad);
    }

    @Test
    void counter_badFields_refusedNamingTheField_nothingAdded() throws Exception {
        try (ConsoleStore store = ConsoleStore.open(dir.resolve("console.db"))) {
            Floor floor = open(store);
            Map<String, String> a = Map.of("A", "2");
            assertThatThrownBy(() -> addCounter(floor, "c9", "9", a, "caller-9", "pad-9"))
                    .as("no broker users from the host yet").hasMessageContaining("branch server");
            floor.brokerUsersOfTheFile(java.util.Set.of("server", "caller-1", "pad-1", "kiosk-1"));
            assertThatThrownBy(() -> addCounter(floor, "c/9", "9", a, "caller-9", "pad-9")).hasMessageStartingWith("id:");
            assertThatThrownBy(() -> addCounter(floor, "c1", "9", a, "caller-9", "pad-9")).hasMessageContaining("already");
            assertThatThrownBy(() -> addCounter(floor, "c9", "10000", a, "caller-9", "pad-9"))
                    .hasMessageStartingWith("number:");
            assertThatThrownBy(() -> addCounter(floor, "c9", "9", Map.of(), "caller-9", "pad-9"))
                    .hasMessageContaining("at least one service");
            assertThatThrownBy(() -> addCounter(floor, "c9", "9", Map.of("A", "0"), "caller-9", "pad-9"))
                    .hasMessageStartingWith("weight of A");
            assertThatThrownBy(() -> addCounter(floor, "c9", "9", a, "server", "pad-9"))
                    .hasMessageStartingWith("counter caller:");
            assertThatThrownBy(() -> addCounter(floor, "c9", "9", a, "caller-9", "kiosk-1"))
                    .hasMessageStartingWith("rating pad:");
            assertThatThrownBy(() -> addCounter(floor, "c9", "9", a, "caller+9", "pad-9"))
                    .hasMessageStartingWith("counter caller:");
            assertThatThrownBy(() -> addCounter(floor, "c9", "9", a, "dev-9", "dev-9"))
                    .hasMessageContaining("different ids");
            assertThatThrownBy(() -> floor.addCounter("admin", "ip", "c9", "9", "x".repeat(41), "Counter 9", a,
                    "caller-9", "pad-9")).hasMessageContaining("1 to 40");
            assertThat(floor.addedCounters()).isEmpty();
            assertThat(floor.all(Floor.Kind.COUNTER)).hasSize(2);
        }
    }

    @Test
    void counter_added_keptAsHashes_checkedByTheBroker_auditedWithoutSecrets_andReadAgain() throws Exception {
        Floor.AddedCounter added;
        try (ConsoleStore store = ConsoleStore.open(dir.resolve("console.db"))) {
            Floor floor = open(store);
            floor.brokerUsersOfTheFile(java.util.Set.of("server", "caller-1"));
            added = addCounter(floor, "c9", "9", Map.of("A", "3"), "caller-9", "pad-9");
            assertThat(added.callerSecret()).hasSizeGreaterThanOrEqualTo(40).isNotEqualTo(added.padSecret());
            assertThat(added.counter().services()).containsExactlyEntriesOf(Map.of("A", 3));
            assertThat(floor.find(Floor.Kind.COUNTER, "c9")).map(Floor.Place::nameEn).contains("Counter 9");
            assertThat(floor.named(new BranchDirectory("b", "b", ZoneId.of("Asia/Shanghai"), List.of(), List.of(),
                    List.of())).counters()).extracting(BranchDirectory.Named::id).contains("c9");
            assertThatThrownBy(() -> addCounter(floor, "c10", "10", Map.of("A", "1"), "caller-9", "pad-10"))
                    .as("a device id taken by an added counter").hasMessageStartingWith("counter caller:");
            String audit = store.auditEntries(20, Optional.empty()).toString();
            assertThat(audit).contains("counter.add").contains("caller=caller-9")
                    .doesNotContain(added.callerSecret()).doesNotContain(added.padSecret());
        }
        try (ConsoleStore store = ConsoleStore.open(dir.resolve("console.db"))) {
            Floor floor = open(store);
            byte[] caller = added.callerSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(floor.deviceSecretMatches("caller-9", caller)).isTrue();
            assertThat(floor.deviceSecretMatches("pad-9", caller)).as("another device's secret").isFalse();
            assertThat(floor.deviceSecretMatches("pad-9", added.padSecret().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8))).isTrue();
            assertThat(floor.deviceSecretMatches("caller-1", caller)).as("not the console's device").isFalse();
            assertThat(floor.addedCounters()).singleElement().satisfies(c -> {
                assertThat(c.callerSecretHash()).startsWith("$7$").doesNotContain(added.callerSecret());
                assertThat(c.pad()).isEqualTo("pad-9");
            });
        }
    }
}
