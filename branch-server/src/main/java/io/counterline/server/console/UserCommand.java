package io.counterline.server.console;

import io.counterline.console.ConsoleSettings;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.ConsoleUsers;
import io.counterline.console.auth.Passwords;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.Scope;
import io.counterline.console.store.ConsoleStore;
import io.counterline.server.config.BadConfigException;
import io.counterline.server.config.BranchConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code branch-server user add --config FILE --login NAME --role admin}: adds a console user,
 * the password read from the terminal (twice) or from standard input. This is how the first
 * admin comes to be; there is no default account or password.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Console users.",
        subcommands = UserCommand.Add.class)
public final class UserCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("say what to do: user add --help");
        return 2;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds a console user; the password comes from the terminal or standard input.")
    static final class Add implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "the branch configuration file")
        Path config;

        @Option(names = "--login", required = true, description = "user name: a-z, 0-9, '.', '_', '-'")
        String login;

        @Option(names = "--name", description = "the person's name (default: the user name)")
        String name;

        @Option(names = "--role", required = true,
                description = "admin, branch-manager, quality-supervisor, auditor, signage-editor, signage-approver, technician or teller")
        String role;

        @Option(names = "--scope", defaultValue = "branch",
                description = "branch, or e.g. counters=c1,c2;services=A (default ${DEFAULT-VALUE})")
        String scope;

        @Option(names = "--teller", description = "for a teller's account: the teller's id in the branch file")
        String teller;

        @Option(names = "--language", defaultValue = "zh", description = "zh or en (default ${DEFAULT-VALUE})")
        String language;

        @Override
        public Integer call() throws Exception {
            BranchConfig cfg;
            try {
                cfg = BranchConfig.load(config);
            } catch (BadConfigException e) {
                System.err.println("configuration " + config + " is not usable: " + e.getMessage());
                return 2;
            }
            ConsoleSettings settings = cfg.console().orElse(null);
            Path db = settings != null ? settings.database() : cfg.server().dataDir().resolve("console.db");
            Role r;
            Scope s;
            try {
                r = Role.of(role);
                s = Scope.parse(scope);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            String password = readPassword();
            if (password == null) {
                return 2;
            }
            try (ConsoleStore store = ConsoleStore.open(db); Passwords passwords = new Passwords()) {
                Clock clock = Clock.systemUTC();
                ConsoleUsers users = new ConsoleUsers(store, passwords, new AuditLog(store, clock),
                        () -> BranchConsole.directory(cfg), clock);
                users.add("command-line", "local", login, name == null ? login : name, r, s,
                        Optional.ofNullable(teller), language, password).join();
                System.out.println("user " + login + " (" + r.wire() + ", " + s.text() + ") added to " + db);
                return 0;
            } catch (CompletionException e) {
                System.err.println("not added: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
                return 1;
            }
        }

        private static String readPassword() throws java.io.IOException {
            java.io.Console terminal = System.console();
            if (terminal != null) {
                String a = new String(terminal.readPassword("password: "));
                String b = new String(terminal.readPassword("again: "));
                if (!a.equals(b)) {
                    System.err.println("the two passwords differ");
                    return null;
                }
                return a;
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                System.err.println("give the password on standard input");
            }
            return line;
        }
    }
}
