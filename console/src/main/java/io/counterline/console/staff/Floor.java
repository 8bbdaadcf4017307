package io.counterline.console.staff;

import io.counterline.console.BranchDirectory;
import io.counterline.console.audit.AuditLog;
import io.counterline.console.auth.ConsoleUsers;
import io.counterline.console.auth.Scope;
import io.counterline.console.auth.Sessions;
import io.counterline.config.BrokerSecretHash;
import io.counterline.protocol.Ids;
import io.counterline.console.store.ConsoleStore;
import io.counterline.console.store.ConsoleStore.FloorRow;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The branch's services and counters as managed in the console: the branch file's (the seed)
 * renamed (Chinese and English names) or disabled here, and services and counters added here
 * ({@link #addService}, {@link #added}, {@link #addCounter}, {@link #addedCounters}). The host's engine asks
 * {@link #changed(Kind, String)} when it issues a ticket, signs a teller in or projects state, so a
 * change counts without a restart. Reads answer from memory (the engine thread never waits for
 * the file); every change is audited with its before and after.
 */
public final class Floor {
    public enum Kind {
        SERVICE, COUNTER;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Kind of(String key) {
            for (Kind k : values()) {
                if (k.key().equals(key)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("no such kind: services or counters");
        }
    }

    /** One service or counter as the console shows it. */
    public record Place(Kind kind, String id, String nameZh, String nameEn, boolean disabled, boolean changedHere) {
    }

    /**
     * A service added in the console: what the engine needs besides its names and disabled flag
     * (kept as a change like any service's).
     *
     * @param counters the counters that serve it, with their weights (as in the branch file)
     */
    public record NewService(String id, String prefix, int first, int last, LocalTime opens, LocalTime closes,
                             Map<String, Integer> counters) {
    }

    /**
     * A counter added in the console with its counter caller and rating pad, whose broker secrets
     * exist only as hashes ({@link BrokerSecretHash}).
     *
     * @param services the services it serves, with their weights (as in the branch file)
     */
    public record NewCounter(String id, String number, Map<String, Integer> services, String caller,
                             String callerSecretHash, String pad, String padSecretHash) {
    }

    /**
     * A counter just added, and its devices' secrets: shown once to the admin (for
     * {@code counterline provision}), kept nowhere.
     */
    public record AddedCounter(NewCounter counter, String callerSecret, String padSecret) {
    }

    /** The largest number a day of one service: slips print prefix and three or four digits. */
    static final int MAX_NUMBER = 9999;
    static final int MAX_WEIGHT = 100;
    private static final java.util.regex.Pattern SERVICE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,16}");
    private static final java.util.regex.Pattern COUNTER_NUMBER = java.util.regex.Pattern.compile("[A-Za-z0-9]{1,4}");
    private static final java.util.regex.Pattern PREFIX = java.util.regex.Pattern.compile("[A-Z]");
    private static final java.time.format.DateTimeFormatter HH_MM = java.time.format.DateTimeFormatter.ofPattern("HH:mm");

    private final ConsoleStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final List<Place> seed;
    private final Map<String, String> seedPrefixes;
    private volatile Map<String, FloorRow> rows = Map.of();
    private volatile List<NewService> added = List.of();
    private volatile List<NewCounter> addedCounters = List.of();
    /** The branch file's broker users (devices, server, observers); null until the host says (no adding counters). */
    private volatile Set<String> fileUsers;
    private volatile java.util.function.Consumer<NewCounter> counterAdded = c -> { };

    /** @param seed the branch file's services and counters, none disabled */
    public Floor(ConsoleStore store, AuditLog audit, Clock clock, List<Place> seed) throws SQLException {
        this(store, audit, clock, seed, Map.of());
    }

    /**
     * @param seed         the branch file's services and counters, none disabled
     * @param seedPrefixes the branch file's services' number prefixes, by service id (a new service
     *                     may not reuse one)
     */
    public Floor(ConsoleStore store, AuditLog audit, Clock clock, List<Place> seed, Map<String, String> seedPrefixes)
            throws SQLException {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.seed = List.copyOf(seed);
        this.seedPrefixes = Map.copyOf(seedPrefixes);
        reload();
    }

    /** The services added in the console, in the order they were added (from memory: the engine asks). */
    public List<NewService> added() {
        return added;
    }

    /** The counters added in the console, in the order they were added (from memory: the engine asks). */
    public List<NewCounter> addedCounters() {
        return addedCounters;
    }

    /**
     * The branch file's broker user names (its devices, server and observers), which an added
     * counter's devices may not take. Until the host gives them, counters cannot be added: only the
     * branch server's console has devices to accept.
     */
    public void brokerUsersOfTheFile(Set<String> users) {
        fileUsers = Set.copyOf(users);
    }

    /** Tells {@code listener} each counter added here: those added before at once, then each new one. */
    public void whenCounterAdded(java.util.function.Consumer<NewCounter> listener) {
        counterAdded = listener;
        addedCounters.forEach(listener);
    }

    /**
     * Whether {@code device} is the caller or pad of a counter added here and {@code password} its
     * secret (the broker asks at each device's CONNECT; answers from memory and one cheap hash).
     */
    public boolean deviceSecretMatches(String device, byte[] password) {
        for (NewCounter c : addedCounters) {
            if (c.caller().equals(device)) {
                return BrokerSecretHash.matches(password, c.callerSecretHash());
            }
            if (c.pad().equals(device)) {
                return BrokerSecretHash.matches(password, c.padSecretHash());
            }
        }
        return false;
    }

    /** What the console changed for this service or counter, if anything (the engine overlays it). */
    public Optional<Place> changed(Kind kind, String id) {
        FloorRow r = rows.get(kind.key() + "/" + id);
        return r == null ? Optional.empty() : Optional.of(new Place(kind, id, r.nameZh(), r.nameEn(), r.disabled(), true));
    }

    /** The branch file's services or counters with the console's changes over them, in the file's order. */
    public List<Place> all(Kind kind) {
        List<Place> all = new ArrayList<>(seed.stream().filter(p -> p.kind() == kind)
                .map(p -> changed(kind, p.id()).orElse(p)).toList());
        if (kind == Kind.SERVICE) {
            added.forEach(s -> changed(Kind.SERVICE, s.id()).ifPresent(all::add));
        } else {
            addedCounters.forEach(c -> changed(Kind.COUNTER, c.id()).ifPresent(all::add));
        }
        return all;
    }

    public Optional<Place> find(Kind kind, String id) {
        return all(kind).stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** {@code d} with the services' and counters' Chinese names as they are now (for pages and the monitor). */
    public BranchDirectory named(BranchDirectory d) {
        if (rows.isEmpty()) {
            return d;
        }
        List<BranchDirectory.Named> counters = new ArrayList<>(d.counters().stream().map(n -> rename(Kind.COUNTER, n))
                .toList());
        addedCounters.forEach(c -> changed(Kind.COUNTER, c.id()).ifPresent(p -> counters.add(
                new BranchDirectory.Named(c.id(), p.nameZh()))));
        List<BranchDirectory.Named> services = new ArrayList<>(d.services().stream().map(n -> rename(Kind.SERVICE, n))
                .toList());
        added.forEach(s -> changed(Kind.SERVICE, s.id()).ifPresent(p -> services.add(new BranchDirectory.Named(s.id(),
                p.nameZh()))));
        return d.withPlaces(counters, services);
    }

    private BranchDirectory.Named rename(Kind kind, BranchDirectory.Named n) {
        return changed(kind, n.id()).map(p -> new BranchDirectory.Named(n.id(), p.nameZh())).orElse(n);
    }

    /** Whether {@code prefix} is already a service's number prefix (the file's or one added here). */
    public boolean prefixTaken(String prefix) {
        return seedPrefixes.containsValue(prefix) || added.stream().anyMatch(s -> s.prefix().equals(prefix));
    }

    /** Whether {@code scope} lets its holder change this one: a counter in scope, a service in scope. */
    public static boolean inScope(Scope scope, Kind kind, String id) {
        return kind == Kind.COUNTER ? scope.coversCounter(id) : scope.branch() || scope.services().contains(id);
    }

    public void rename(String actor, String ip, Kind kind, String id, String nameZh, String nameEn)
            throws ConsoleUsers.Refused {
        Place p = existing(kind, id);
        String problem = nameProblem(nameZh) != null ? nameProblem(nameZh) : nameProblem(nameEn);
        if (problem != null) {
            throw new ConsoleUsers.Refused(problem);
        }
        save(actor, ip, kind.key() + ".rename", p, new Place(kind, id, nameZh.strip(), nameEn.strip(), p.disabled(),
                true));
    }

    public void setDisabled(String actor, String ip, Kind kind, String id, boolean disabled)
            throws ConsoleUsers.Refused {
        Place p = existing(kind, id);
        save(actor, ip, kind.key() + (disabled ? ".disable" : ".enable"), p, new Place(kind, id, p.nameZh(),
                p.nameEn(), disabled, true));
    }

    /**
     * Adds a service from the console's form (every field as typed): the engine issues and calls it
     * from then on, without a restart. Refused with a reason naming the field when anything is off.
     *
     * @param weights counter id → the weight typed for it; blank = that counter does not serve it
     */
    public NewService addService(String actor, String ip, String id, String prefix, String nameZh, String nameEn,
                                 String first, String last, String opens, String closes, Map<String, String> weights)
            throws ConsoleUsers.Refused {
        id = id == null ? "" : id.strip();
        prefix = prefix == null ? "" : prefix.strip();
        if (!SERVICE_ID.matcher(id).matches()) {
            throw new ConsoleUsers.Refused("id: 1 to 16 letters, digits, '-' or '_'");
        }
        if (find(Kind.SERVICE, id).isPresent() || seedPrefixes.containsKey(id)) {
            throw new ConsoleUsers.Refused("id: there is already a service " + id);
        }
        if (!PREFIX.matcher(prefix).matches()) {
            throw new ConsoleUsers.Refused("prefix: one capital letter A-Z");
        }
        String p = prefix;
        if (seedPrefixes.containsValue(p) || added.stream().anyMatch(s -> s.prefix().equals(p))) {
            throw new ConsoleUsers.Refused("prefix: " + p + " is another service's (numbers must stay unique)");
        }
        String problem = nameProblem(nameZh) != null ? nameProblem(nameZh) : nameProblem(nameEn);
        if (problem != null) {
            throw new ConsoleUsers.Refused(problem);
        }
        int from = number("first number", first);
        int to = number("last number", last);
        if (from > to) {
            throw new ConsoleUsers.Refused("the first number is above the last");
        }
        LocalTime open = time("opens", opens);
        LocalTime close = closes != null && closes.strip().equals("24:00") ? LocalTime.MAX : time("closes", closes);
        if (!open.isBefore(close)) {
            throw new ConsoleUsers.Refused("opens must be before closes");
        }
        Map<String, Integer> counters = new LinkedHashMap<>();
        for (Place c : all(Kind.COUNTER)) {
            String w = weights.getOrDefault(c.id(), "");
            if (w != null && !w.isBlank()) {
                int weight = parse("weight of " + c.id(), w, 1, MAX_WEIGHT);
                counters.put(c.id(), weight);
            }
        }
        if (counters.isEmpty()) {
            throw new ConsoleUsers.Refused("choose at least one counter to serve it (a weight 1 to " + MAX_WEIGHT
                    + ")");
        }
        NewService s = new NewService(id, prefix, from, to, open, close, Map.copyOf(counters));
        try {
            store.addService(new ConsoleStore.AddedServiceRow(id, prefix, from, to, open.toString(),
                    close.equals(LocalTime.MAX) ? "24:00" : close.toString(), weightsText(counters)),
                    new FloorRow(Kind.SERVICE.key(), id, nameZh.strip(), nameEn.strip(), false), clock.instant());
            reload();
        } catch (SQLException e) {
            throw new IllegalStateException("console.db: " + e.getMessage(), e);
        }
        audit.record(actor, ip, "service.add", id, null, "prefix=" + prefix + "; numbers=" + from + "-" + to
                + "; hours=" + open + "-" + (close.equals(LocalTime.MAX) ? "24:00" : close) + "; counters="
                + weightsText(counters) + "; name-zh=" + nameZh.strip() + "; name-en=" + nameEn.strip());
        return s;
    }

    /**
     * Adds a counter and its two devices from the console's form (every field as typed): each
     * device gets a new random secret, returned once and stored only as its broker hash; from then
     * on the embedded broker lets the devices in and the engine serves the counter, without a
     * restart. Refused with a reason naming the field when anything is off.
     *
     * @param weights service id → the weight typed for it; blank = the counter does not serve it
     */
    public AddedCounter addCounter(String actor, String ip, String id, String number, String nameZh, String nameEn,
                                   Map<String, String> weights, String caller, String pad)
            throws ConsoleUsers.Refused {
        Set<String> taken = fileUsers;
        if (taken == null) {
            throw new ConsoleUsers.Refused("counters are added in the branch server's console (it has the broker)");
        }
        id = id == null ? "" : id.strip();
        number = number == null ? "" : number.strip();
        caller = caller == null ? "" : caller.strip();
        pad = pad == null ? "" : pad.strip();
        if (!Ids.isValid(id) || id.length() > 16) {
            throw new ConsoleUsers.Refused("id: 1 to 16 letters, digits, '.', '-' or '_'");
        }
        if (find(Kind.COUNTER, id).isPresent()) {
            throw new ConsoleUsers.Refused("id: there is already a counter " + id);
        }
        if (!COUNTER_NUMBER.matcher(number).matches()) {
            throw new ConsoleUsers.Refused("number: 1 to 4 letters or digits (what the voice and the LED say)");
        }
        String problem = nameProblem(nameZh) != null ? nameProblem(nameZh) : nameProblem(nameEn);
        if (problem != null) {
            throw new ConsoleUsers.Refused(problem);
        }
        Map<String, Integer> services = new LinkedHashMap<>();
        for (Place s : all(Kind.SERVICE)) {
            String w = weights.getOrDefault(s.id(), "");
            if (w != null && !w.isBlank()) {
                services.put(s.id(), parse("weight of " + s.id(), w, 1, MAX_WEIGHT));
            }
        }
        if (services.isEmpty()) {
            throw new ConsoleUsers.Refused("choose at least one service it serves (a weight 1 to " + MAX_WEIGHT + ")");
        }
        deviceId("counter caller", caller, taken);
        deviceId("rating pad", pad, taken);
        if (caller.equals(pad)) {
            throw new ConsoleUsers.Refused("rating pad: the counter caller and the rating pad need different ids");
        }
        String callerSecret = Sessions.randomToken();
        String padSecret = Sessions.randomToken();
        NewCounter c = new NewCounter(id, number, Map.copyOf(services), caller, BrokerSecretHash.hash(callerSecret),
                pad, BrokerSecretHash.hash(padSecret));
        try {
            store.addCounter(new ConsoleStore.AddedCounterRow(id, number, weightsText(services), caller,
                    c.callerSecretHash(), pad, c.padSecretHash()),
                    new FloorRow(Kind.COUNTER.key(), id, nameZh.strip(), nameEn.strip(), false), clock.instant());
            reload();
        } catch (SQLException e) {
            throw new IllegalStateException("console.db: " + e.getMessage(), e);
        }
        // Never the secrets: only who has them.
        audit.record(actor, ip, "counter.add", id, null, "number=" + number + "; services=" + weightsText(services)
                + "; caller=" + caller + "; pad=" + pad + "; name-zh=" + nameZh.strip() + "; name-en=" + nameEn.strip());
        counterAdded.accept(c);
        return new AddedCounter(c, callerSecret, padSecret);
    }

    /** A new device's id: valid, and no broker user's (the file's, or a device added here). */
    private void deviceId(String field, String id, Set<String> fileUsers) throws ConsoleUsers.Refused {
        String problem = Ids.problem(id);
        if (problem != null) {
            throw new ConsoleUsers.Refused(field + ": the id " + problem);
        }
        if (fileUsers.contains(id) || addedCounters.stream().anyMatch(c -> c.caller().equals(id) || c.pad().equals(id))) {
            throw new ConsoleUsers.Refused(field + ": " + id + " is already a device (or the server) of this branch");
        }
    }

    private static int number(String field, String text) throws ConsoleUsers.Refused {
        return parse(field, text, 1, MAX_NUMBER);
    }

    private static int parse(String field, String text, int min, int max) throws ConsoleUsers.Refused {
        try {
            int n = Integer.parseInt(text == null ? "" : text.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ConsoleUsers.Refused(field + ": a whole number from " + min + " to " + max);
    }

    private static LocalTime time(String field, String text) throws ConsoleUsers.Refused {
        try {
            return LocalTime.parse(text == null ? "" : text.strip(), HH_MM);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ConsoleUsers.Refused(field + ": a time HH:mm (closes may be 24:00)");
        }
    }

    private static String weightsText(Map<String, Integer> counters) {
        return String.join(",", counters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private static Map<String, Integer> weights(String text) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length == 2) {
                m.put(kv[0], Integer.parseInt(kv[1]));
            }
        }
        return Map.copyOf(m);
    }

    private Place existing(Kind kind, String id) throws ConsoleUsers.Refused {
        return find(kind, id).orElseThrow(() -> new ConsoleUsers.Refused("no " + kind.key() + " " + id
                + " in the branch file"));
    }

    private void save(String actor, String ip, String action, Place before, Place after) {
        try {
            store.saveFloorChange(new FloorRow(after.kind().key(), after.id(), after.nameZh(), after.nameEn(),
                    after.disabled()), clock.instant());
            reload();
        } catch (SQLException e) {
            throw new IllegalStateException("console.db: " + e.getMessage(), e);
        }
        audit.record(actor, ip, action, after.id(), describe(before), describe(after));
    }

    private void reload() throws SQLException {
        Map<String, FloorRow> m = new LinkedHashMap<>();
        for (FloorRow r : store.floorChanges()) {
            m.put(r.kind() + "/" + r.id(), r);
        }
        List<NewService> services = new ArrayList<>();
        for (ConsoleStore.AddedServiceRow r : store.addedServices()) {
            services.add(new NewService(r.id(), r.prefix(), r.first(), r.last(), LocalTime.parse(r.opens()),
                    r.closes().equals("24:00") ? LocalTime.MAX : LocalTime.parse(r.closes()), weights(r.counters())));
        }
        List<NewCounter> counters = new ArrayList<>();
        for (ConsoleStore.AddedCounterRow r : store.addedCounters()) {
            counters.add(new NewCounter(r.id(), r.number(), weights(r.services()), r.caller(), r.callerSecretHash(),
                    r.pad(), r.padSecretHash()));
        }
        rows = Map.copyOf(m);
        added = List.copyOf(services);
        addedCounters = List.copyOf(counters);
    }

    private static String describe(Place p) {
        return "name-zh=" + p.nameZh() + "; name-en=" + p.nameEn() + "; disabled=" + p.disabled();
    }

    private static String nameProblem(String name) {
        return name == null || name.isBlank() || name.strip().length() > 40 ? "a name is 1 to 40 characters" : null;
    }
}
