package io.counterline.server.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.outbox.Outbox;
import io.counterline.protocol.EventEnvelope;
import io.counterline.server.store.BranchStore;
import io.counterline.server.store.Rows.CallRow;
import io.counterline.server.store.SqliteBranchStore;
import io.counterline.testing.FreePort;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash window between the branch's commit and {@code uplink.db}: facts are journaled in the
 * committing transaction, so a branch server that dies before copying them (or after copying
 * and before forgetting them) sends each exactly once after its restart. Real SQLite files; head
 * office is a port nobody listens on (the facts only need to reach the outbox here).
 */
class UplinkJournalTest {
    @TempDir
    Path dir;

    private final UplinkSettings unreachableHeadOffice = new UplinkSettings(
            "tcp://127.0.0.1:" + FreePort.find(), "journal-test-secret", 1000, Duration.ofSeconds(1));

    private static CallRow call(int n) {
        return new CallRow("call-" + n, "t-" + n, "A" + n, "c1", "t1", Instant.parse("2026-12-05T09:00:00Z"), 0, "next");
    }

    /** Commits calls 1..n through the tap, one transaction each, as the engine would; nothing copies them. */
    private void commitWithoutUplink(int n) throws Exception {
        try (SqliteBranchStore sqlite = SqliteBranchStore.open(dir.resolve("branch.db"), Clock.systemUTC())) {
            BranchStore engineStore = CommittedFactsTap.wrap(sqlite, facts -> { });
            for (int k = 1; k <= n; k++) {
                int call = k;
                engineStore.inTransaction(() -> {
                    engineStore.insertCall(call(call));
                    return null;
                });
            }
        } // the branch server dies here: committed, journaled, never copied to uplink.db
    }

    /** Restarts the uplink on the same files and returns the outbox's events once the journal is copied. */
    private List<String> restartAndReadOutbox() throws Exception {
        try (SqliteBranchStore sqlite = SqliteBranchStore.open(dir.resolve("branch.db"), Clock.systemUTC());
             Uplink uplink = Uplink.start("b900", unreachableHeadOffice, dir, sqlite, Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> sqlite.journaledUplinkCount() == 0);
            assertThat(uplink.waiting()).isEqualTo(outboxIds().size());
        }
        return outboxIds();
    }

    private List<String> outboxIds() throws Exception {
        try (Outbox outbox = Outbox.open(dir.resolve("uplink.db"), Uplink.DEVICE, 1000, Clock.systemUTC())) {
            return outbox.pendingAfter(0, 1000).stream().map(e -> e.body().get("id").asText()).toList();
        }
    }

    @Test
    void crashAfterCommitBeforeCopy_factsCopiedOnRestart_onceInCommitOrder() throws Exception {
        commitWithoutUplink(5);

        assertThat(restartAndReadOutbox()).containsExactly("call-1", "call-2", "call-3", "call-4", "call-5");
    }

    @Test
    void crashAfterCopyBeforeForgetting_notCopiedTwice() throws Exception {
        commitWithoutUplink(5);
        // The uplink copied the first three (outbox rows and mark in one transaction) and died
        // before it could forget them from the journal.
        try (SqliteBranchStore sqlite = SqliteBranchStore.open(dir.resolve("branch.db"), Clock.systemUTC());
             Outbox outbox = Outbox.open(dir.resolve("uplink.db"), Uplink.DEVICE, 1000, Clock.systemUTC())) {
            var firstThree = sqlite.journaledUplink(0, 3);
            List<EventEnvelope> copied = outbox.appendAll(UplinkJournal.drafts(firstThree), UplinkJournal.MARK,
                    firstThree.get(2).id());
            assertThat(copied).hasSize(3);
            assertThat(sqlite.journaledUplinkCount()).isEqualTo(5);
        }

        assertThat(restartAndReadOutbox()).containsExactly("call-1", "call-2", "call-3", "call-4", "call-5");
    }
}
