package io.counterline.headoffice.console;

import com.typesafe.config.ConfigFactory;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.ConsoleUsers;
import io.counterline.console.auth.Passwords;
import io.counterline.console.auth.Role;
import io.counterline.console.auth.Scope;
import io.counterline.console.store.ConsoleStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code hq-console run FILE} starts the head-office console; {@code hq-console user-add FILE
 * LOGIN ROLE SCOPE [NAME]} adds a user (password on standard input), e.g. a regional manager:
 * {@code user-add hq.conf wang branch-manager regions=east}. See docs/head-office.md.
 */
public final class HeadOfficeConsoleMain {
    private HeadOfficeConsoleMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !List.of("run", "user-add").contains(args[0])) {
            System.err.println("usage: hq-console run FILE | hq-console user-add FILE LOGIN ROLE SCOPE [NAME]");
            System.exit(2);
        }
        Path file = Path.of(args[1]);
        if (!Files.isReadable(file)) {
            System.err.println("configuration " + file + " is not a readable file");
            System.exit(2);
        }
        HeadOfficeConsole.Settings settings;
        try {
            settings = HeadOfficeConsole.Settings.from(ConfigFactory.parseFile(file.toFile()).resolve());
        } catch (IllegalArgumentException | com.typesafe.config.ConfigException e) {
            System.err.println("configuration " + file + " is not usable: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (args[0].equals("user-add")) {
            System.exit(addUser(settings, args));
        }
        HeadOfficeConsole console = HeadOfficeConsole.start(settings, Clock.system(ZoneId.of("UTC")));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            stopped.countDown();
        }));
        System.out.println("head-office console: " + console.url());
        stopped.await();
    }

    private static int addUser(HeadOfficeConsole.Settings settings, String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: hq-console user-add FILE LOGIN ROLE SCOPE [NAME]  (password on standard input)");
            return 2;
        }
        Role role;
        Scope scope;
        try {
            role = Role.of(args[3]);
            scope = Scope.parse(args[4]);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (password == null) {
            System.err.println("give the password on standard input");
            return 2;
        }
        Files.createDirectories(settings.data());
        try (ConsoleStore store = ConsoleStore.open(settings.console().database()); Passwords passwords = new Passwords()) {
            Clock clock = Clock.systemUTC();
            ConsoleUsers users = new ConsoleUsers(store, passwords, new AuditLog(store, clock),
                    () -> new io.counterline.console.BranchDirectory("head-office", settings.name(), settings.zone(),
                            List.of(), List.of(), List.of()), clock);
            users.add("command-line", "local", args[2], args.length > 5 ? args[5] : args[2], role, scope,
                    Optional.empty(), "zh", password).join();
            System.out.println("user " + args[2] + " (" + role.wire() + ", " + scope.text() + ") added");
            return 0;
        } catch (java.util.concurrent.CompletionException e) {
            System.err.println("not added: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            return 1;
        }
    }
}
