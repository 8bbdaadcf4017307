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
}
