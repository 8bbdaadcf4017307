package io.counterline.console.downlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.console.BranchDirectory;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.Passwords;
import io.counterline.console.signage.MediaLibrary;
import io.counterline.console.signage.SignageDesk;
import io.counterline.console.staff.Floor;
import io.counterline.console.staff.Staff;
import io.counterline.console.store.ConsoleStore;
import io.counterline.console.supervision.SupervisionStore;
import io.counterline.protocol.ConfigReport;
import io.counterline.protocol.SignageSchedule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
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
 * calendar and signage desk: versions only forward, bad documents refused with the old
 * configuration kept, service changes at their safe moment, the pending document kept across a
 * restart, head office's notices published beside the branch's approved revision (never its draft).
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
    private SignageDesk signage;
    /** What the desk handed to the hall's retained state/signage, in order. */
    private final List<Optional<SignageSchedule>> published = new ArrayList<>();
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
        signage = new SignageDesk(store, new MediaLibrary(store, audit, Clock.systemUTC(), dir.resolve("media")), audit,
                Clock.systemUTC(), () -> "http://127.0.0.1:8080/media/", "Asia/Shanghai");
        signage.publishTo(published::add);
        config = new HeadOfficeConfig("b1", store, floor, staff, calendar, signage, audit, Clock.systemUTC());
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

    private static String withSignage(String doc, String signage) {
        return doc.substring(0, doc.length() - 1) + ", \"signage\": " + signage + "}";
    }

    private static final String NOTICES = "{\"priority\": 3, \"start\": \"08:00\", \"end\": \"18:00\", \"notices\": ["
            + "{\"id\": \"n1\", \"zh\": \"国庆节照常营业\", \"en\": \"Open on National Day\"},"
            + "{\"id\": \"n2\", \"zh\": \"谨防诈骗\", \"en\": \"Beware of fraud\"}]}";

    private List<String> playlistIds(Optional<SignageSchedule> s) {
        return s.orElseThrow().playlists().stream().map(SignageSchedule.Playlist::id).toList();
    }

    /** An approved revision with playlist "main" (one library notice), then a draft edit nobody approved. */
    private void branchApprovesMain_thenEditsTheDraft() throws Exception {
        long notice = signage.addNotice("ed", "127.0.0.1", "欢迎", "Welcome");
        signage.savePlaylist("ed", "127.0.0.1", new SignageDesk.Draft("main", 0, List.of(), List.of(), null, null, null,
                null, 8, List.of("notice:" + notice)));
        signage.decide("ap", "127.0.0.1", signage.submit("ed", "127.0.0.1"), true);
        signage.savePlaylist("ed", "127.0.0.1", new SignageDesk.Draft("draft-only", 9, List.of(), List.of(), null, null,
                null, null, 8, List.of("notice:" + notice)));
    }

    @Test
    void signage_headOfficesNoticesPublishedBesideTheApprovedRevision_notTheDraft_removedByAVersionWithout()
            throws Exception {
        branchApprovesMain_thenEditsTheDraft();
        int before = published.size();

        ConfigReport r = send(withSignage(doc(1, "", T9, ""), NOTICES));

        assertThat(r.running()).isEqualTo(1);
        assertThat(published).hasSize(before + 1);
        Optional<SignageSchedule> halls = published.get(published.size() - 1);
        assertThat(halls).isEqualTo(signage.current());
        assertThat(playlistIds(halls)).as("approved + head office's, never the draft").containsExactly("main",
                SignageDesk.HEAD_OFFICE);
        SignageSchedule.Playlist ho = halls.orElseThrow().playlists().get(1);
        assertThat(ho.priority()).isEqualTo(3);
        assertThat(ho.start()).isEqualTo("08:00");
        assertThat(ho.end()).isEqualTo("18:00");
        assertThat(ho.targets()).as("every hall display").isEmpty();
        assertThat(ho.items()).extracting(SignageSchedule.Item::zh, SignageSchedule.Item::en).containsExactly(
                org.assertj.core.groups.Tuple.tuple("国庆节照常营业", "Open on National Day"),
                org.assertj.core.groups.Tuple.tuple("谨防诈骗", "Beware of fraud"));
        assertThat(signage.headOffice().orElseThrow().version()).isEqualTo(1);
        assertThat(audited("signage.head-office")).isEqualTo(1);

        // The same notices in the next version: nothing republished, nothing audited.
        assertThat(send(withSignage(doc(2, "", T9.replace("赵敏", "赵敏敏"), ""), NOTICES)).running()).isEqualTo(2);
        assertThat(published).hasSize(before + 1);
        assertThat(audited("signage.head-office")).isEqualTo(1);

        reopen(); // kept in console.db
        assertThat(playlistIds(signage.current())).containsExactly("main", SignageDesk.HEAD_OFFICE);

        // The document is the whole of head office's configuration: no signage part, no notices.
        assertThat(send(doc(3, "", T9, "")).running()).isEqualTo(3);
        assertThat(playlistIds(published.get(published.size() - 1))).containsExactly("main");
        assertThat(signage.headOffice()).isEmpty();
        assertThat(audited("signage.head-office")).isEqualTo(1 + 1);
    }

    @Test
    void signage_tooLargeWithTheBranchsApprovedRevision_refused_oldNoticesKept() throws Exception {
        send(withSignage(doc(1, "", "", ""), NOTICES));
        // The branch approves 7 notices of 500 Chinese characters (about 10.5 KB): it fits with head office's two.
        signage.savePlaylist("ed", "127.0.0.1", new SignageDesk.Draft("long", 0, List.of(), List.of(), null, null, null,
                null, 8, longNotices(7)));
        signage.decide("ap", "127.0.0.1", signage.submit("ed", "127.0.0.1"), true);

        ConfigReport r = send(withSignage(doc(2, "", T9, ""), bigSignage()));

        assertThat(r.running()).isEqualTo(1);
        assertThat(r.refused()).isEqualTo(2);
        assertThat(r.reason()).startsWith("signage:").contains("too large for one hall message");
        assertThat(staff.find("t9")).as("nothing of a refused document").isEmpty();
        assertThat(playlistIds(signage.current())).containsExactly("long", SignageDesk.HEAD_OFFICE);
        assertThat(signage.headOffice().orElseThrow().playlist().items()).hasSize(2);
    }

    @Test
    void signage_aPendingRevisionThatNoLongerFitsWithHeadOfficesNewNotices_isNotApproved() throws Exception {
        signage.savePlaylist("ed", "127.0.0.1", new SignageDesk.Draft("long", 0, List.of(), List.of(), null, null, null,
                null, 8, longNotices(7)));
        long pending = signage.submit("ed", "127.0.0.1"); // fits: head office has no notices yet

        assertThat(send(withSignage(doc(1, "", "", ""), bigSignage())).running()).as("fits: nothing approved yet")
                .isEqualTo(1);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> signage.decide("ap", "127.0.0.1", pending, true))
                .isInstanceOf(SignageDesk.Refused.class).hasMessageContaining("too large for one hall message");
        assertThat(signage.revisions().get(0).state()).isEqualTo("pending");
        assertThat(playlistIds(signage.current())).containsExactly(SignageDesk.HEAD_OFFICE);
    }

    /** {@code count} library notices of 500 Chinese characters (1.5 KB each). */
    private List<String> longNotices(int count) throws Exception {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add("notice:" + signage.addNotice("ed", "127.0.0.1", "中".repeat(500), "n" + i));
        }
        return items;
    }

    /** 4 × 1,501 bytes: within the document's bound, too large beside 7 of {@link #longNotices}. */
    private static String bigSignage() {
        StringBuilder big = new StringBuilder("{\"notices\": [");
        for (int i = 0; i < 4; i++) {
            big.append(i == 0 ? "" : ",").append("{\"id\": \"b").append(i).append("\", \"zh\": \"")
                    .append("中".repeat(500)).append("\", \"en\": \"e\"}");
        }
        return big + "]}";
    }

    @Test
    void signage_theBranchCannotNameAPlaylistLikeHeadOffices() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> signage.savePlaylist("ed", "127.0.0.1",
                new SignageDesk.Draft(SignageDesk.HEAD_OFFICE, 0, List.of(), List.of(), null, null, null, null, 8,
                        List.of("notice:" + signage.addNotice("ed", "127.0.0.1", "中", "e")))))
                .isInstanceOf(SignageDesk.Refused.class).hasMessageContaining("head office's");
    }
}
