package io.counterline.server.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.counterline.config.BadConfig;
import io.counterline.config.ConfigFile;
import io.counterline.config.ConfigKeys;
import io.counterline.config.PinHash;
import io.counterline.config.Secrets;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.Ids;
import io.counterline.protocol.InvalidMessageException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The branch server's configuration, read once at start from one HOCON file and checked whole:
 * a bad value fails start with a message naming its key.
 */
public record BranchConfig(Branch branch, Server server, Broker broker, List<ServiceConfig> services,
                           List<CounterConfig> counters, List<TellerConfig> tellers, List<Device> devices,
                           QueuePolicy queue, SignageConfig signage, List<Observer> observers) {
    private static final Logger log = LoggerFactory.getLogger(BranchConfig.class);
    /** Read only for the broker mode chosen. */
    private static final ConfigKeys KEYS = ConfigKeys.alternatives("broker.external", "broker.embedded");

    /**
     * A read-only broker login for supervisors and technicians ({@code mosquitto_sub}): reads
     * {@code state/#} and every device's {@code status}, writes nothing (docs/operations.md).
     */
    public record Observer(String id, String secret) {
    }

    /** Hall content the server publishes on {@code state/signage} at start. */
    public record SignageConfig(List<String> lines, List<String> images, int slideSeconds) {
    }

    public record Branch(String id, String name, ZoneId zone) {
    }

    /**
     * @param id      the server's own MQTT user name
     * @param dataDir where the store lives
     */
    public record Server(String id, String secret, Path dataDir) {
    }

    /**
     * Either the embedded broker listening on {@code host:port}, or an external broker at
     * {@code uri} (Mosquitto, with files from {@code branch-server mosquitto-files}).
     */
    public record Broker(boolean embedded, String host, int port, Optional<String> uri, Optional<Tls> tls) {
        public String clientUri() {
            return uri.orElse("tcp://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + port);
        }
    }

    /**
     * {@code broker.tls}: a TLS listener on {@code port} (8883) beside the plain one. The embedded
     * broker reads its certificate and key from the PKCS#12 {@code key-store}; {@code
     * mosquitto-files} writes Mosquitto's listener with the PEM {@code cert-file} and {@code key-file}.
     */
    public record Tls(int port, Optional<Path> keyStore, Optional<String> keyStorePassword, Optional<Path> certFile,
                      Optional<Path> keyFile) {
    }

    public record Device(String id, DeviceRole role, String secret, Optional<String> counter) {
    }

    /**
     * Loads and checks the whole file over {@code branch-server-defaults.conf}: every value, and
     * every key (one the server does not read is a typo, not a silent default).
     *
     * @throws BadConfig one line naming file, line and the first bad key
     */
    public static BranchConfig load(Path file) {
        ConfigFile.Loaded<BranchConfig> loaded = ConfigFile.read(file,
                ConfigFactory.parseResources("branch-server-defaults.conf"), KEYS, BranchConfig::from);
        loaded.warnings().forEach(w -> log.warn("{}", w));
        return loaded.settings();
    }

    public static BranchConfig from(Config c) {
        Branch branch = new Branch(id(c, "branch.id"), c.getString("branch.name"), zone(c, "branch.zone"));
        List<ServiceConfig> services = services(c);
        List<CounterConfig> counters = counters(c, services);
        List<TellerConfig> tellers = tellers(c);
        QueuePolicy queue = new QueuePolicy(range(c, "queue.rollover-hour", 0, 23),
                positive(c, "queue.ageing-step"), range(c, "queue.recall-limit", 0, 20),
                positive(c, "queue.rating-timeout"), positive(c, "queue.default-service-time"),
                range(c, "queue.estimate-window", 1, 1000));
        SignageConfig signage = new SignageConfig(c.getStringList("signage.lines"), c.getStringList("signage.images"),
                range(c, "signage.slide-seconds", 1, 3600));
        Server server = new Server(id(c, "server.id"), secret(c, "server.secret"), Path.of(c.getString("server.data-dir")));
        String mode = c.getString("broker.mode");
        Optional<Tls> tls = tls(c);
        Broker broker = switch (mode) {
            case "embedded" -> new Broker(true, c.getString("broker.embedded.host"), port(c, "broker.embedded.port"),
                    Optional.empty(), tls);
            case "external" -> new Broker(false, "", 0, Optional.of(c.getString("broker.external.uri")), tls);
            default -> throw new BadConfigException("broker.mode must be embedded or external, was '" + mode + "'");
        };
        List<Device> devices = new ArrayList<>();
        Set<String> seen = new HashSet<>(Set.of(server.id()));
        List<? extends Config> list = c.getConfigList("devices");
        for (int i = 0; i < list.size(); i++) {
            Config d = list.get(i);
            String key = "devices[" + i + "]";
            String id = uniqueId(d, key, seen);
            DeviceRole role;
            try {
                role = DeviceRole.of(d.getString("role"));
            } catch (InvalidMessageException e) {
                throw new BadConfigException(key + ".role: " + e.rejection().detail());
            }
            Optional<String> counter = d.hasPath("counter") ? Optional.of(id(d, "counter", key + ".counter"))
                    : Optional.empty();
            if ((role == DeviceRole.COUNTER_CALLER || role == DeviceRole.RATING_PAD) && counter.isEmpty()) {
                throw new BadConfigException(key + ".counter is missing: a " + role.wire() + " belongs to a counter");
            }
            counter.ifPresent(k -> {
                if (counters.stream().noneMatch(x -> x.id().equals(k))) {
                    throw new BadConfigException(key + ".counter '" + k + "' is not one of counters[].id");
                }
            });
            devices.add(new Device(id, role, secret(d, "secret", key + ".secret"), counter));
        }
        List<Observer> observers = new ArrayList<>();
        if (c.hasPath("observers")) {
            List<? extends Config> olist = c.getConfigList("observers");
            for (int i = 0; i < olist.size(); i++) {
                String key = "observers[" + i + "]";
                String id = uniqueId(olist.get(i), key, seen);
                observers.add(new Observer(id, secret(olist.get(i), "secret", key + ".secret")));
            }
        }
        return new BranchConfig(branch, server, broker, services, counters, tellers, List.copyOf(devices), queue,
                signage, List.copyOf(observers));
    }

    public Optional<ServiceConfig> service(String id) {
        return services.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<CounterConfig> counter(String id) {
        return counters.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Device> device(String id) {
        return devices.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private static List<ServiceConfig> services(Config c) {
        Set<String> seen = new HashSet<>();
        List<ServiceConfig> out = new ArrayList<>();
        Set<String> prefixes = new HashSet<>();
        List<? extends Config> list = c.getConfigList("services");
        for (int i = 0; i < list.size(); i++) {
            Config s = list.get(i);
            String key = "services[" + i + "]";
            String id = uniqueId(s, key, seen);
            String prefix = s.getString("prefix");
            if (!prefix.matches("[A-Z]") || !prefixes.add(prefix)) {
                throw new BadConfigException(key + ".prefix must be one capital letter not used by another service, was '"
                        + prefix + "'");
            }
            int first = s.hasPath("first") ? s.getInt("first") : 1;
            int last = s.hasPath("last") ? s.getInt("last") : 999;
            if (first < 1 || last < first || last > 9999) {
                throw new BadConfigException(key + ".first/last must satisfy 1 <= first <= last <= 9999");
            }
            String hours = s.hasPath("hours") ? s.getString("hours") : "00:00-24:00";
            java.time.LocalTime[] span = hours(hours, key + ".hours");
            out.add(new ServiceConfig(id, prefix, s.getString("name-zh"), s.getString("name-en"), first, last,
                    span[0], span[1]));
        }
        return List.copyOf(out);
    }

    private static java.time.LocalTime[] hours(String text, String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})").matcher(text);
        try {
            if (m.matches()) {
                java.time.LocalTime opens = java.time.LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                java.time.LocalTime closes = m.group(3).equals("24") && m.group(4).equals("00") ? java.time.LocalTime.MAX
                        : java.time.LocalTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
                if (opens.isBefore(closes)) {
                    return new java.time.LocalTime[] {opens, closes};
                }
            }
        } catch (DateTimeException e) {
            // falls through to the message below
        }
        throw new BadConfigException(key + " must look like 09:00-17:00 (opening before closing), was '" + text + "'");
    }

    private static List<CounterConfig> counters(Config c, List<ServiceConfig> services) {
        Set<String> seen = new HashSet<>();
        List<CounterConfig> out = new ArrayList<>();
        List<? extends Config> list = c.getConfigList("counters");
        for (int i = 0; i < list.size(); i++) {
            Config k = list.get(i);
            String key = "counters[" + i + "]";
            String id = uniqueId(k, key, seen);
            Map<String, Integer> served = new LinkedHashMap<>();
            List<? extends Config> svc = k.getConfigList("services");
            for (int j = 0; j < svc.size(); j++) {
                String skey = key + ".services[" + j + "]";
                String sid = svc.get(j).getString("service");
                if (services.stream().noneMatch(x -> x.id().equals(sid))) {
                    throw new BadConfigException(skey + ".service '" + sid + "' is not one of services[].id");
                }
                int weight = svc.get(j).hasPath("weight") ? svc.get(j).getInt("weight") : 1;
                if (weight < 1 || weight > 100) {
                    throw new BadConfigException(skey + ".weight must be 1..100, was " + weight);
                }
                served.put(sid, weight);
            }
            if (served.isEmpty()) {
                throw new BadConfigException(key + ".services is empty: a counter must serve at least one service");
            }
            out.add(new CounterConfig(id, k.getString("number"), k.getString("name-zh"), k.getString("name-en"),
                    Map.copyOf(served)));
        }
        return List.copyOf(out);
    }

    private static List<TellerConfig> tellers(Config c) {
        Set<String> seen = new HashSet<>();
        List<TellerConfig> out = new ArrayList<>();
        List<? extends Config> list = c.getConfigList("tellers");
        for (int i = 0; i < list.size(); i++) {
            Config t = list.get(i);
            String key = "tellers[" + i + "]";
            String id = uniqueId(t, key, seen);
            PinHash pin;
            try {
                pin = PinHash.parse(t.getString("pin-hash"));
            } catch (IllegalArgumentException e) {
                throw new BadConfigException(key + ".pin-hash " + e.getMessage());
            }
            out.add(new TellerConfig(id, t.getString("name"), t.getString("employee-no"), pin));
        }
        return List.copyOf(out);
    }

    private static int range(Config c, String path, int min, int max) {
        int v = c.getInt(path);
        if (v < min || v > max) {
            throw new BadConfigException(path + " must be " + min + ".." + max + ", was " + v);
        }
        return v;
    }

    private static java.time.Duration positive(Config c, String path) {
        java.time.Duration d = c.getDuration(path);
        if (d.isNegative() || d.isZero()) {
            throw new BadConfigException(path + " must be positive, was " + d);
        }
        return d;
    }

    /** Every user the broker admits, with its secret: the server and each device. */
    public Map<String, String> secrets() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(server.id(), server.secret());
        devices.forEach(d -> m.put(d.id(), d.secret()));
        observers.forEach(o -> m.put(o.id(), o.secret()));
        return m;
    }

    /** The entry's {@code id}, valid and not already in {@code seen}. */
    private static String uniqueId(Config entry, String key, Set<String> seen) {
        String id = id(entry, "id", key + ".id");
        if (!seen.add(id)) {
            throw new BadConfigException(key + ".id '" + id + "' is used twice");
        }
        return id;
    }

    private static String id(Config c, String path) {
        return id(c, path, path);
    }

    private static String id(Config c, String path, String key) {
        String value = c.getString(path);
        String problem = Ids.problem(value);
        if (problem != null) {
            throw new BadConfigException(key + " " + problem);
        }
        return value;
    }

    private static Optional<Tls> tls(Config c) {
        if (!c.hasPath("broker.tls")) {
            return Optional.empty();
        }
        Optional<Path> keyStore = optionalPath(c, "broker.tls.key-store");
        Optional<String> password;
        try {
            password = Secrets.fromEnvironment().readOptional(c, "broker.tls.key-store-password",
                    "broker.tls.key-store-password", 1);
        } catch (IllegalArgumentException e) {
            throw new BadConfigException(e.getMessage(), e);
        }
        if (keyStore.isPresent() && password.isEmpty()) {
            throw new BadConfigException("broker.tls.key-store-password is missing (or -file, -env)");
        }
        Optional<Path> cert = optionalPath(c, "broker.tls.cert-file");
        Optional<Path> key = optionalPath(c, "broker.tls.key-file");
        if (cert.isPresent() != key.isPresent()) {
            throw new BadConfigException("broker.tls needs both cert-file and key-file, or neither");
        }
        if (keyStore.isEmpty() && cert.isEmpty()) {
            throw new BadConfigException("broker.tls needs key-store (embedded broker) or cert-file and key-file"
                    + " (Mosquitto)");
        }
        return Optional.of(new Tls(port(c, "broker.tls.port"), keyStore, password, cert, key));
    }

    private static Optional<Path> optionalPath(Config c, String path) {
        return c.hasPath(path) ? Optional.of(Path.of(c.getString(path))) : Optional.empty();
    }

    private static String secret(Config c, String path, String key) {
        try {
            return Secrets.fromEnvironment().read(c, path, key, 12);
        } catch (IllegalArgumentException e) {
            throw new BadConfigException(e.getMessage(), e);
        }
    }

    private static String secret(Config c, String path) {
        return secret(c, path, path);
    }

    private static ZoneId zone(Config c, String path) {
        try {
            return ZoneId.of(c.getString(path));
        } catch (DateTimeException e) {
            throw new BadConfigException(path + " '" + c.getString(path) + "' is not a time zone (e.g. Asia/Shanghai)");
        }
    }

    private static int port(Config c, String path) {
        int port = c.getInt(path);
        if (port < 1 || port > 65535) {
            throw new BadConfigException(path + " must be 1..65535, was " + port);
        }
        return port;
    }
}
