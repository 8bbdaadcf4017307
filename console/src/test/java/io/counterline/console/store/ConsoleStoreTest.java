package io.counterline.console.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.counterline.console.auth.Role;
import io.counterline.console.auth.Scope;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleStoreTest {
    @TempDir
    Path dir;

    @Test
    void auditLog_refusesUpdateAndDelete_evenThroughSql() throws Exception {
        try (ConsoleStore store = ConsoleStore.open(dir.resolve("console.db"))) {
            store.audit(Instant.now(), "anna", "127.0.0.1", "login", "anna", null, null);
            assertThatThrownBy(() -> store.executeForTest("UPDATE audit SET actor = 'mallory'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> store.executeForTest("DELETE FROM audit"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThat(store.auditEntries(10, Optional.empty())).singleElement()
                    .satisfies(e -> assertThat(e.actor()).isEqualTo("anna"));
        }
    }

    @Test
    void reopening_keepsUsers_andDoesNotMigrateTwice() throws Exception {
        Path file = dir.resolve("console.db");
        try (ConsoleStore store = ConsoleStore.open(file)) {
            store.addUser("anna", "安娜", "hash", Role.AUDITOR, Scope.parse("counters=c1;services=A"), Optional.empty(),
                    "en", Instant.now());
        }
        try (ConsoleStore store = ConsoleStore.open(file)) {
            assertThat(store.userByLogin("anna")).hasValueSatisfying(u -> {
                assertThat(u.role()).isEqualTo(Role.AUDITOR);
                assertThat(u.scope().counters()).containsExactly("c1");
                assertThat(u.scope().services()).containsExactly("A");
            });
        }
    }
}
