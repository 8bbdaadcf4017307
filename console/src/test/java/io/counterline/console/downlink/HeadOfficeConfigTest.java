package io.counterline.console.downlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.console.BranchDirectory;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.Passwords;
import io.counterline.console.staff.Floor;
import io.counterline.console.staff.Staff;
import io.counterline.console.store.ConsoleStore;
import io.counterline.console.supervision.SupervisionStore;
import io.counterline.protocol.ConfigReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Head office's documents applied over a real console.db through the console's own floor, staff
 * and calendar: versions only forward, bad documents refused with the old configuration kept,
 * service changes at their safe moment, the pending document kept across a restart.
 */
class HeadOfficeConfigTest {
    private static final List<Floor.Place> SEED = List.of(
            new Floor.Place(Floor.Kind.SERVICE, "A", "个人业务", "Personal", false, false),
            new Floor.Place(Floor.Kind.COUNTER, "c1", "1号窗口", "Counter 1", false, false));
    private static final BranchDirectory BRANCH = new BranchDirectory("b1", "测试支行", ZoneId.of("Asia/Shanghai"),
            List.of(new BranchDirectory.Named("t1", "王芳")), List.of(), List.of());

    @TempDir
    Path dir;
    private ConsoleStore store;
    private SupervisionStore calendar;
    private Passwords passwords;
    private Floor floor;
    private Staff staff;
    private HeadOfficeConfig config;
    /** The engine's open tickets per service, as the test sets them. */
    private final Map<String, Integer> open = new HashMap<>();

    @BeforeEach
    void open() throws Exception {
        passwords = new Passwords();
        reopen();
    }

    private void reopen() throws Exception {
        if (store != null) {
            calendar.close();
            store.close();
        }
        store = ConsoleStore.open(dir.resolve("console.db"));
        calendar = SupervisionStore.open(dir.resolve("console.db"));
        AuditLog audit = new AuditLog(store, Clock.systemUTC());
        floor = new Floor(store, audit, Clock.systemUTC(), SEED, Map.of("A", "A"));
        staff = new Staff(store, passwords, audit, Clock.systemUTC(), BRANCH, Map.of("t1", "E1001"));
        config = new HeadOfficeConfig("b1", store, floor, staff, calendar, audit, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        calendar.close();
        store.close();
        passwords.close();
    }

    private ConfigReport send(String json) {
        return config.receive(json.getBytes(StandardCharsets.UTF_8), () -> Map.copyOf(open));
    }

    private static String doc(long version, String services, String tellers, String calendar) {
        return "{\"v\": 1, \"branch\": \"b1\", \"version\": " + version + ", \"services\": [" + services
                + "], \"tellers\": [" + tellers + "], \"calendar\": [" + calendar + "]}";
    }

    private static final String RENAME_A = "{\"id\": \"A\", \"name-zh\": \"个人金融\", \"name-en\": \"Retail\"}";
    private static final String ADD_C = "{\"id\": \"C\", \"name-zh\": \"外汇\", \"name-en\": \"FX\", \"add\": {\"prefix\":"
            + " \"C\", \"first\": 1, \"last\": 999, \"opens\": \"09:00\", \"closes\": \"17:00\", \"counters\": {\"c1\": 2}}}";
    private static final String T9 = "{\"id\": \"t9\", \"name\": \"赵敏\", \"employee-no\": \"E1009\"}";
    private static final String NATIONAL_DAY = "{\"day\": \"2026-10-01\", \"kind\": \"holiday\", \"note\": \"国庆\"}";

    private long audited(String action) throws Exception {
        return store.auditEntries(1000, Optional.of(action)).stream()
                .filter(e -> e.actor().equals(HeadOfficeConfig.ACTOR)).count();
    }

    @Test
    void version_appliedThroughTheConsolesStores_auditedAsHeadOffice_sameVersionTwiceChangesNothing() throws Exception {
        ConfigReport r = send(doc(1, RENAME_A + "," + ADD_C, T9, NATIONAL_DAY));

        assertThat(r).isEqualTo(new ConfigReport("b1", 1, 0, List.of(), 0, ""));
        assertThat(floor.find(Floor.Kind.SERVICE, "A")).get().extracting(Floor.Place::nameZh).isEqualTo("个人金融");
        assertThat(floor.added()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("C");
            assertThat(s.counters()).isEqualTo(Map.of("c1", 2));
        });
        assertThat(staff.find("t9")).get().satisfies(t -> {
            assertThat(t.name()).isEqualTo("赵敏");
            assertThat(t.disabled()).isFalse();
        });
        assertThat(staff.changed("t9")).get().extracting(ConsoleStore.TellerRow::pinHash)
                .as("no PIN from head office").isNull();
        assertThat(calendar.calendarDays()).singleElement().satisfies(d -> {
            assertThat(d.day()).isEqualTo(LocalDate.of(2026, 10, 1));
            assertThat(d.working()).isFalse();
            assertThat(d.changedBy()).isEqualTo(HeadOfficeConfig.ACTOR);
        });
        assertThat(audited("service.rename")).isEqualTo(1);
        assertThat(audited("service.add")).isEqualTo(1);
        assertThat(audited("teller.add")).isEqualTo(1);
        assertThat(audited("calendar.set")).isEqualTo(1);
        assertThat(audited("config.applied")).isEqualTo(1);

        assertThat(send(doc(1, RENAME_A + "," + ADD_C, T9, NATIONAL_DAY))).isEqualTo(r);
        assertThat(audited("config.received")).as("the same version twice: nothing").isEqualTo(1);
        assertThat(audited("service.rename")).isEqualTo(1);
    }

    @Test
    void nextVersion_replacesHeadOfficesDays_keepsTheBranchsOwn_olderVersionIgnored() throws Exception {
        send(doc(1, "", T9, NATIONAL_DAY));
        calendar.putCalendarDay(new SupervisionStore.CalendarDay(LocalDate.of(2026, 5, 4), false, "本行", "admin"),
                java.time.Instant.now());

        ConfigReport r = send(doc(2, "", T9.replace("赵敏", "赵敏敏"),
                "{\"day\": \"2026-10-10\", \"kind\": \"workday\"}"));

        assertThat(r.running()).isEqualTo(2);
        assertThat(calendar.calendarDays()).extracting(SupervisionStore.CalendarDay::day)
                .containsExactly(LocalDate.of(2026, 5, 4), LocalDate.of(2026, 10, 10));
        assertThat(staff.find("t9").orElseThrow().name()).isEqualTo("赵敏敏");

        assertThat(send(doc(1, "", T9, NATIONAL_DAY)).running()).as("older: ignored").isEqualTo(2);
        assertThat(staff.find("t9").orElseThrow().name()).isEqualTo("赵敏敏");
    }

    @Test
    void badDocuments_refusedWithTheReason_branchKeepsWhatItRuns() throws Exception {
        send(doc(1, RENAME_A, "", ""));

        ConfigReport unknownKey = send(doc(2, "", "", "").replace("\"version\": 2,", "\"version\": 2, \"x\": 1,"));
        assertThat(unknownKey.running()).isEqualTo(1);
        assertThat(unknownKey.refused()).isEqualTo(2);
        assertThat(unknownKey.reason()).contains("unknown key 'x'");

        ConfigReport missing = send(doc(3, "{\"id\": \"Z\", \"name-zh\": \"无\", \"name-en\": \"None\"}", T9, ""));
        assertThat(missing.refused()).isEqualTo(3);
        assertThat(missing.reason()).contains("service Z is not at this branch");
        assertThat(staff.find("t9")).as("nothing of a refused document").isEmpty();

        ConfigReport otherBranch = send(doc(4, "", "", "").replace("\"b1\"", "\"b2\""));
        assertThat(otherBranch.reason()).contains("for branch b2");
        assertThat(send("{not json").reason()).contains("not JSON");

        assertThat(config.report().running()).isEqualTo(1);
        assertThat(floor.find(Floor.Kind.SERVICE, "A").orElseThrow().nameZh()).isEqualTo("个人金融");
        assertThat(audited("config.refused")).isEqualTo(4);
    }

    @Test
    void serviceChange_waitsForItsOpenTickets_restAtOnce_keptAcrossARestart() throws Exception {
        open.put("A", 2);

        ConfigReport r = send(doc(1, RENAME_A.replace("}", ", \"disabled\": true}") + "," + ADD_C, T9, NATIONAL_DAY));

        assertThat(r).isEqualTo(new ConfigReport("b1", 0, 1, List.of("A"), 0, ""));
        assertThat(floor.find(Floor.Kind.SERVICE, "A").orElseThrow().nameZh()).as("waits").isEqualTo("个人业务");
        assertThat(floor.find(Floor.Kind.SERVICE, "C")).as("a new service: at once").isPresent();
        assertThat(staff.find("t9")).as("tellers: at once").isPresent();
        assertThat(calendar.calendarDays()).as("calendar: at once").hasSize(1);

        reopen(); // the pending document is in console.db
        assertThat(config.report().pending()).isEqualTo(1);
        open.put("A", 1);
        assertThat(config.retry(() -> Map.copyOf(open)).pending()).isEqualTo(1);

        open.remove("A");
        ConfigReport applied = config.retry(() -> Map.copyOf(open));

        assertThat(applied).isEqualTo(new ConfigReport("b1", 1, 0, List.of(), 0, ""));
        Floor.Place a = floor.find(Floor.Kind.SERVICE, "A").orElseThrow();
        assertThat(a.nameZh()).isEqualTo("个人金融");
        assertThat(a.disabled()).isTrue();
    }

    @Test
    void openTicketsUnreadable_serviceChangesWait() throws Exception {
        ConfigReport r = config.receive(doc(1, RENAME_A, "", "").getBytes(StandardCharsets.UTF_8), () -> {
            throw new IllegalStateException("branch.db busy");
        });
        assertThat(r.waitingFor()).containsExactly("A");
        assertThat(send(doc(1, RENAME_A, "", "")).running()).as("the same version looked at again").isEqualTo(1);
    }
}
