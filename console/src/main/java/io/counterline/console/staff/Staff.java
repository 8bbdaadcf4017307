package io.counterline.console.staff;

import io.counterline.console.BranchDirectory;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.ConsoleUsers;
import io.counterline.console.auth.Passwords;
import io.counterline.console.store.ConsoleStore;
import io.counterline.console.store.ConsoleStore.TellerRow;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The branch's tellers as managed in the console: the branch file's tellers (the seed) with the
 * console's changes over them (rename, disable, new PIN) and tellers added in the console. The
 * host's engine asks {@link #changed(String)} at every sign-in, so a change counts from the next
 * sign-in without a restart. Every change is audited with its before and after (never a PIN).
 */
public final class Staff {
    /** One teller as the console shows them. */
    public record Teller(String id, String name, String employeeNo, boolean disabled, boolean inBranchFile,
                         boolean changedHere) {
    }

    private final ConsoleStore store;
    private final Passwords passwords;
    private final AuditLog audit;
    private final Clock clock;
    private final BranchDirectory seed;
    private final Map<String, String> seedEmployeeNos;
    private volatile Map<String, TellerRow> rows = Map.of();
    private volatile BranchDirectory directory;

    public Staff(ConsoleStore store, Passwords passwords, AuditLog audit, Clock clock, BranchDirectory seed,
                 Map<String, String> seedEmployeeNos) throws SQLException {
        this.store = store;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
        this.seed = seed;
        this.seedEmployeeNos = Map.copyOf(seedEmployeeNos);
        reload();
    }

    /** The branch with its current tellers' names (disabled ones included, for old figures). */
    public BranchDirectory directory() {
        return directory;
    }

    /** What the console changed for {@code id}, if anything: the engine's roster overlays it on the file. */
    public Optional<TellerRow> changed(String id) {
        return Optional.ofNullable(rows.get(id));
    }

    public List<Teller> all() {
        Map<String, Teller> out = new LinkedHashMap<>();
        for (BranchDirectory.Named n : seed.tellers()) {
            TellerRow r = rows.get(n.id());
            out.put(n.id(), r == null ? new Teller(n.id(), n.name(), seedEmployeeNos.getOrDefault(n.id(), ""), false, true,
                    false) : new Teller(n.id(), r.name(), r.employeeNo(), r.disabled(), true, true));
        }
        rows.values().stream().filter(r -> !out.containsKey(r.id())).forEach(r -> out.put(r.id(),
                new Teller(r.id(), r.name(), r.employeeNo(), r.disabled(), false, true)));
        return new ArrayList<>(out.values());
    }

    public Optional<Teller> find(String id) {
        return all().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** Adds a teller with a PIN (hashed on the KDF threads). */
    public CompletableFuture<Void> add(String actor, String ip, String id, String name, String employeeNo, String pin) {
        String problem = id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,31}") ? "a teller id is 1 to 32 of A-Z a-z 0-9 . _ -"
                : find(id).isPresent() ? "teller " + id + " already exists"
                : textProblem(name, employeeNo) != null ? textProblem(name, employeeNo) : pinProblem(pin);
        if (problem != null) {
            return CompletableFuture.failedFuture(new ConsoleUsers.Refused(problem));
        }
        return passwords.hashPin(pin).thenAccept(hash -> save(actor, ip, "teller.add", null,
                new TellerRow(id, name.strip(), employeeNo.strip(), hash, false)));
    }

    public void rename(String actor, String ip, String id, String name) throws ConsoleUsers.Refused {
        Teller t = existing(id);
        String problem = textProblem(name, t.employeeNo());
        if (problem != null) {
            throw new ConsoleUsers.Refused(problem);
        }
        TellerRow before = rowOf(t);
        save(actor, ip, "teller.rename", before, new TellerRow(id, name.strip(), t.employeeNo(), before.pinHash(),
                t.disabled()));
    }

    public void setDisabled(String actor, String ip, String id, boolean disabled) throws ConsoleUsers.Refused {
        Teller t = existing(id);
        TellerRow before = rowOf(t);
        save(actor, ip, disabled ? "teller.disable" : "teller.enable", before, new TellerRow(id, t.name(),
                t.employeeNo(), before.pinHash(), disabled));
    }

    public CompletableFuture<Void> resetPin(String actor, String ip, String id, String pin) {
        Teller t;
        try {
            t = existing(id);
        } catch (ConsoleUsers.Refused e) {
            return CompletableFuture.failedFuture(e);
        }
        String problem = pinProblem(pin);
        if (problem != null) {
            return CompletableFuture.failedFuture(new ConsoleUsers.Refused(problem));
        }
        TellerRow before = rowOf(t);
        return passwords.hashPin(pin).thenAccept(hash -> save(actor, ip, "teller.pin", before,
                new TellerRow(id, t.name(), t.employeeNo(), hash, t.disabled())));
    }

    /**
     * Sets a teller as head office's configuration names them (added when new, without a PIN: a
     * PIN is set at the branch, so a new teller signs in once the branch has given them one).
     * Nothing happens when the teller is already so.
     *
     * @return whether anything changed
     */
    public boolean setFromHeadOffice(String actor, String ip, String id, String name, String employeeNo,
                                     boolean disabled) throws ConsoleUsers.Refused {
        String problem = textProblem(name, employeeNo);
        if (problem != null) {
            throw new ConsoleUsers.Refused(problem);
        }
        Optional<Teller> now = find(id);
        if (now.isPresent() && now.get().name().equals(name.strip()) && now.get().employeeNo().equals(employeeNo.strip())
                && now.get().disabled() == disabled) {
            return false;
        }
        TellerRow before = now.map(this::rowOf).orElse(null);
        save(actor, ip, now.isPresent() ? "teller.set" : "teller.add", before, new TellerRow(id, name.strip(),
                employeeNo.strip(), before == null ? null : before.pinHash(), disabled));
        return true;
    }

    private Teller existing(String id) throws ConsoleUsers.Refused {
        return find(id).orElseThrow(() -> new ConsoleUsers.Refused("no teller " + id));
    }

    private TellerRow rowOf(Teller t) {
        TellerRow r = rows.get(t.id());
        return r != null ? r : new TellerRow(t.id(), t.name(), t.employeeNo(), null, t.disabled());
    }

    private void save(String actor, String ip, String action, TellerRow before, TellerRow after) {
        try {
            store.saveTeller(after, clock.instant());
            reload();
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
        audit.record(actor, ip, action, after.id(), before == null ? null : describe(before), describe(after));
    }

    private void reload() throws SQLException {
        Map<String, TellerRow> m = new LinkedHashMap<>();
        for (TellerRow r : store.tellers()) {
            m.put(r.id(), r);
        }
        rows = Map.copyOf(m);
        directory = seed.withTellers(all().stream().map(t -> new BranchDirectory.Named(t.id(), t.name())).toList());
    }

    /** For the audit log: everything but the PIN, and whether the PIN is the file's or set here. */
    private static String describe(TellerRow r) {
        return "name=" + r.name() + "; employee-no=" + r.employeeNo() + "; disabled=" + r.disabled() + "; pin="
                + (r.pinHash() == null ? "branch file" : "set in console");
    }

    private static String textProblem(String name, String employeeNo) {
        if (name == null || name.isBlank() || name.strip().length() > 40) {
            return "a teller's name is 1 to 40 characters";
        }
        if (employeeNo == null || employeeNo.isBlank() || employeeNo.strip().length() > 20) {
            return "an employee number is 1 to 20 characters";
        }
        return null;
    }

    private static String pinProblem(String pin) {
        return pin != null && pin.matches("\\d{4,8}") ? null : "a PIN is 4 to 8 digits";
    }
}
