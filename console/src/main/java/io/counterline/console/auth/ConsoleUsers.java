package io.counterline.console.auth;

import io.counterline.console.BranchDirectory;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.store.ConsoleStore;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Adding and changing console users, the same way from the command line (the first admin) and
 * from the admin page, each change in the audit log with its before and after.
 */
public final class ConsoleUsers {
    private final ConsoleStore store;
    private final Passwords passwords;
    private final AuditLog audit;
    private final Supplier<BranchDirectory> directory;
    private final Clock clock;

    /** A user that may not be added, with the reason to show. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    public ConsoleUsers(ConsoleStore store, Passwords passwords, AuditLog audit, Supplier<BranchDirectory> directory,
                        Clock clock) {
        this.store = store;
        this.passwords = passwords;
        this.audit = audit;
        this.directory = directory;
        this.clock = clock;
    }

    /** Checks what is given; null when acceptable. */
    public String problem(String login, String name, Role role, Optional<String> teller, String language,
                          String password) {
        if (login == null || !login.matches("[a-z0-9][a-z0-9._-]{1,31}")) {
            return "a user name is 2 to 32 characters: a-z, 0-9, '.', '_', '-'";
        }
        if (name == null || name.isBlank() || name.length() > 60) {
            return "a name is 1 to 60 characters";
        }
        if (role == Role.TELLER && (teller.isEmpty()
                || directory.get().tellers().stream().noneMatch(t -> t.id().equals(teller.get())))) {
            return "a teller's account names one of the branch's tellers";
        }
        if (role != Role.TELLER && teller.isPresent()) {
            return "only a teller's account is bound to a teller";
        }
        if (!"zh".equals(language) && !"en".equals(language)) {
            return "language is zh or en";
        }
        return Passwords.problem(password);
    }

    /** Adds a user; hashing runs on the KDF threads. Completes with the new id. */
    public CompletableFuture<Long> add(String actor, String ip, String login, String name, Role role, Scope scope,
                                       Optional<String> teller, String language, String password) {
        String problem = problem(login, name, role, teller, language, password);
        if (problem != null) {
            return CompletableFuture.failedFuture(new Refused(problem));
        }
        return passwords.hash(password).thenApply(hash -> {
            try {
                if (store.userByLogin(login).isPresent()) {
                    throw new java.util.concurrent.CompletionException(new Refused("user " + login + " already exists"));
                }
                long id = store.addUser(login, name, hash, role, scope, teller, language, clock.instant());
                audit.record(actor, ip, "user.add", login, null, describe(login, name, role, scope, teller, language, false));
                return id;
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    /** Sets a new password (hashed on the KDF threads); the user's sessions end. */
    public CompletableFuture<Void> setPassword(String actor, String ip, User user, String password) {
        String problem = Passwords.problem(password);
        if (problem != null) {
            return CompletableFuture.failedFuture(new Refused(problem));
        }
        return passwords.hash(password).thenAccept(hash -> {
            try {
                store.setPasswordHash(user.id(), hash);
                audit.record(actor, ip, "user.password", user.login(), "password=previous",
                        "password=new; sessions ended");
            } catch (SQLException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    /** The user of that login, if any. */
    public Optional<User> find(String login) throws SQLException {
        return store.userByLogin(login);
    }

    public void setDisabled(String actor, String ip, User user, boolean disabled) throws SQLException {
        store.setDisabled(user.id(), disabled);
        audit.record(actor, ip, disabled ? "user.disable" : "user.enable", user.login(), "disabled=" + user.disabled(),
                "disabled=" + disabled);
    }

    public void setLanguage(String actor, String ip, User user, String language) throws SQLException {
        if (!"zh".equals(language) && !"en".equals(language)) {
            return;
        }
        store.setLanguage(user.id(), language);
        audit.record(actor, ip, "user.language", user.login(), "language=" + user.language(), "language=" + language);
    }

    static String describe(String login, String name, Role role, Scope scope, Optional<String> teller, String language,
                           boolean disabled) {
        return "login=" + login + "; name=" + name + "; role=" + role.wire() + "; scope=" + scope.text()
                + teller.map(t -> "; teller=" + t).orElse("") + "; language=" + language + "; disabled=" + disabled;
    }
}
