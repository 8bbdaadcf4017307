package io.counterline.server.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.protocol.EventType;
import io.counterline.server.store.BranchStore;
import io.counterline.server.store.Rows.CallRow;
import io.counterline.server.store.Rows.UplinkRow;
import io.counterline.server.store.SqliteBranchStore;
import io.counterline.server.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tap over a real SQLite store: only committed writes become facts, in commit order. */
class CommittedFactsTapTest {
    @TempDir
    Path dir;

    private SqliteBranchStore sqlite;
    private BranchStore store;
    private final List<List<Uplink.Fact>> handedOn = new ArrayList<>();

    @BeforeEach
    void open() throws StoreException {
        sqlite = SqliteBranchStore.open(dir.resolve("branch.db"), Clock.systemUTC());
        store = CommittedFactsTap.wrap(sqlite, handedOn::add);
    }

    @AfterEach
    void close() {
        sqlite.close();
    }

    private static CallRow call(String id) {
        return new CallRow(id, "t-" + id, "A00" + id, "c1", "t1", Instant.parse("2026-12-05T09:00:00Z"), 0, "next");
    }

    @Test
    void committedBatch_handsOnItsFactsOnceAfterCommit_inOrder() throws StoreException {
        store.inTransaction(() -> {
            store.insertCall(call("1"));
            store.logTicket("t-1", Instant.parse("2026-12-05T09:00:00Z"), "called", "c1", "t1", null);
            assertThat(handedOn).as("nothing before the commit").isEmpty();
            return null;
        });

        assertThat(handedOn).hasSize(1);
        assertThat(handedOn.get(0)).extracting(Uplink.Fact::type)
                .containsExactly(EventType.BRANCH_CALL, EventType.BRANCH_TICKET_STEP);
        assertThat(handedOn.get(0).get(0).body().get("id").asText()).isEqualTo("1");
        assertThat(handedOn.get(0).get(1).body().has("detail")).isFalse();
        assertThat(sqlite.journaledUplink(0, 10)).as("journaled in the same transaction")
                .extracting(UplinkRow::type).containsExactly("branch.call", "branch.ticket-step");
    }

    @Test
    void jobUndoneWithItsSavepoint_handsOnNothingOfIt_theRestOfTheBatchGoes() throws StoreException {
        store.inTransaction(() -> {
            store.isolated(() -> {
                store.insertCall(call("1"));
                return null;
            });
            try {
                store.isolated(() -> {
                    store.insertCall(call("2"));
                    throw new StoreException("job failed", null);
                });
            } catch (StoreException expected) {
                // undone alone, as the engine's commit loop does
            }
            return null;
        });

        assertThat(handedOn).hasSize(1);
        assertThat(handedOn.get(0)).extracting(f -> f.body().get("id").asText()).containsExactly("1");
        assertThat(sqlite.journaledUplinkCount()).isEqualTo(1);
    }

    @Test
    void rolledBackBatch_handsOnNothing_andReadsAreNotFacts() throws StoreException {
        assertThatThrownBy(() -> store.inTransaction(() -> {
            store.insertCall(call("1"));
            throw new StoreException("commit refused", null);
        })).isInstanceOf(StoreException.class);
        store.inTransaction(() -> store.recentCalls(10));

        assertThat(handedOn).isEmpty();
        assertThat(sqlite.journaledUplinkCount()).as("nothing journaled by a rolled-back batch").isZero();
    }
}
