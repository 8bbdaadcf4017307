package io.counterline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.console.auth.Role;
import io.counterline.console.store.ConsoleStore;
import io.counterline.server.BranchServerMain;
import io.counterline.server.testing.TestBranch;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The first admin comes from the command line; there is no default account. */
class UserCommandTest {
    @TempDir
    Path dir;

    /** {@code branch-server user add ...} with {@code stdin} as the password. */
    private int run(String stdin, String... args) {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return new CommandLine(new BranchServerMain()).execute(args);
        } finally {
            System.setIn(before);
        }
    }

    @Test
    void userAdd_createsTheFirstAdmin_auditedAsTheCommandLine() throws Exception {
        Path config = new TestBranch(dir).withQueue().extra("console.listen = \"127.0.0.1:0\"").write();
        int code = run("a-long-enough-password\n", "user", "add", "--config", config.toString(), "--login", "boss",
                "--name", "王经理", "--role", "admin");
        assertThat(code).isZero();
        try (ConsoleStore store = ConsoleStore.open(dir.resolve("server/console.db"))) {
            assertThat(store.userByLogin("boss")).hasValueSatisfying(u -> {
                assertThat(u.role()).isEqualTo(Role.ADMIN);
                assertThat(u.name()).isEqualTo("王经理");
            });
            assertThat(store.auditEntries(10, Optional.of("user.add"))).singleElement()
                    .satisfies(e -> assertThat(e.actor()).isEqualTo("command-line"));
        }
    }

    @Test
    void userAdd_refusesAShortPassword_andATellerWithoutATeller() throws Exception {
        Path config = new TestBranch(dir).withQueue().write();
        assertThat(run("short\n", "user", "add", "--config", config.toString(), "--login", "boss", "--role", "admin"))
                .isEqualTo(1);
        assertThat(run("a-long-enough-password\n", "user", "add", "--config", config.toString(), "--login", "tt",
                "--role", "teller")).isEqualTo(1);
        assertThat(run("a-long-enough-password\n", "user", "add", "--config", config.toString(), "--login", "boss",
                "--role", "emperor")).isEqualTo(2);
        try (ConsoleStore store = ConsoleStore.open(dir.resolve("server/console.db"))) {
            assertThat(store.hasUsers()).isFalse();
        }
    }
}
