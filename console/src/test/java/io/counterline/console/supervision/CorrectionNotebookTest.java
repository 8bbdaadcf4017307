package io.counterline.console.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.console.audit.AuditLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorrectionNotebookTest {
    private static final Instant NOW = Instant.parse("2026-12-10T08:00:00Z"); // 16:00 in Shanghai
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 10);

    @TempDir
    Path dir;
    private SupervisionFixture f;
    private CorrectionNotebook notebook;

    @BeforeEach
    void open() throws Exception {
        f = new SupervisionFixture(dir, NOW);
        notebook = new CorrectionNotebook(f.store, new AuditLog(f.console, f.clock), () -> SupervisionFixture.DIR, f.clock);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void entries_reviewedByDay_ownPerTeller_countedPerProcedure() throws Exception {
        notebook.record(f.user("boss"), "-", "t1", "c1", NOW.minus(Duration.ofHours(2)), "未核对身份证", "先核对证件");
        notebook.record(f.user("super"), "-", "t2", "c2", NOW.minus(Duration.ofHours(1)), "现金未唱收", "唱收唱付");
        notebook.record(f.user("boss"), "-", "t1", "c1", NOW.minus(Duration.ofDays(1)), "又未核对", "先核对证件");
        assertThat(notebook.review(f.user("super"), TODAY)).extracting(CorrectionNote::procedure)
                .containsExactly("先核对证件", "唱收唱付");
        assertThat(notebook.review(f.user("c2only"), TODAY)).as("scope counters=c2").extracting(CorrectionNote::teller)
                .containsExactly("t2");
        assertThat(notebook.own(f.user("teller1"))).extracting(CorrectionNote::observed).containsExactly("未核对身份证", "又未核对");
        assertThat(notebook.own(f.user("teller2"))).hasSize(1);
        assertThat(notebook.countsByProcedure(f.user("boss"), TODAY.minusDays(7), TODAY)).containsExactly(
                org.assertj.core.api.Assertions.entry("先核对证件", 2), org.assertj.core.api.Assertions.entry("唱收唱付", 1));
        assertThatThrownBy(() -> notebook.review(f.user("teller1"), TODAY)).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> f.console.executeForTest("DELETE FROM correction_notes")).hasMessageContaining("append-only");
    }

    @Test
    void badInput_isRefused_andStoresNothing() throws Exception {
        String tenMegabytes = "x".repeat(10 * 1024 * 1024);
        assertThatThrownBy(() -> notebook.record(f.user("boss"), "-", "t9", "c1", NOW, "a", "b"))
                .hasMessageContaining("unknown teller 't9'");
        assertThatThrownBy(() -> notebook.record(f.user("boss"), "-", "t1", "<c1>", NOW, "a", "b"))
                .hasMessageContaining("unknown counter");
        assertThatThrownBy(() -> notebook.record(f.user("boss"), "-", "t1", "c1", NOW.plusSeconds(60), "a", "b"))
                .hasMessageContaining("not in the future");
        assertThatThrownBy(() -> notebook.record(f.user("boss"), "-", "t1", "c1", NOW, tenMegabytes, "b"))
                .hasMessageContaining("longer than 500");
        assertThatThrownBy(() -> notebook.record(f.user("boss"), "-", "t1", "c1", NOW, "a", " "))
                .hasMessageContaining("the right procedure is required");
        assertThatThrownBy(() -> notebook.record(f.user("teller2"), "-", "t1", "c1", NOW, "a", "b"))
                .isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> notebook.record(f.user("c2only"), "-", "t1", "c1", NOW, "a", "b"))
                .isInstanceOf(NotAllowed.class);
        assertThat(f.store.notes(TODAY.minusDays(40), TODAY)).isEmpty();
    }
}
