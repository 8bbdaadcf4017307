package io.counterline.server.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.Ids;
import io.counterline.protocol.InvalidMessageException;
import java.nio.file.Files;
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

/**
 * The branch server's configuration, read once at start from one HOCON file and checked whole:
 * a bad value fails start with a message naming its key.
 */
public record BranchConfig(Branch branch, Server server, Broker broker, List<Device> devices) {

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
    public record Broker(boolean embedded, String host, int port, Optional<String> uri) {
        public String clientUri() {
            return uri.orElse("tcp://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + port);
        }
    }

    public record Device(String id, DeviceRole role, String secret, Optional<String> counter) {
    }

    /** Loads and checks the file; {@link BadConfigException} names the first bad key. */
    public static BranchConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadConfigException("config file " + file + " does not exist");
        }
        try {
            Config c = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
                    .withFallback(ConfigFactory.parseResources("branch-server-defaults.conf"))
                    .resolve();
            return from(c);
        } catch (ConfigException e) {
            throw new BadConfigException(e.getMessage(), e);
        }
    }

    public static BranchConfig from(Config c) {
        Branch branch = new Branch(id(c, "branch.id"), c.getString("branch.name"), zone(c, "branch.zone"));
        Server server = new Server(id(c, "server.id"), secret(c, "server.secret"), Path.of(c.getString("server.data-dir")));
        String mode = c.getString("broker.mode");
        Broker broker = switch (mode) {
            case "embedded" -> new Broker(true, c.getString("broker.embedded.host"), port(c, "broker.embedded.port"),
                    Optional.empty());
            case "external" -> new Broker(false, "", 0, Optional.of(c.getString("broker.external.uri")));
            default -> throw new BadConfigException("broker.mode must be embedded or external, was '" + mode + "'");
        };
        List<Device> devices = new ArrayList<>();
        Set<String> seen = new HashSet<>(Set.of(server.id()));
        List<? extends Config> list = c.getConfigList("devices");
        for (int i = 0; i < list.size(); i++) {
            Config d = list.get(i);
            String key = "devices[" + i + "]";
            String id = id(d, "id", key + ".id");
            if (!seen.add(id)) {
                throw new BadConfigException(key + ".id '" + id + "' is used twice");
            }
            DeviceRole role;
            try {
                role = DeviceRole.of(d.getString("role"));
            } catch (InvalidMessageException e) {
                throw new BadConfigException(key + ".role: " + e.rejection().detail());
            }
            devices.add(new Device(id, role, secret(d, "secret", key + ".secret"),
                    d.hasPath("counter") ? Optional.of(id(d, "counter", key + ".counter")) : Optional.empty()));
        }
        return new BranchConfig(branch, server, broker, List.copyOf(devices));
    }

    /** Every user the broker admits, with its secret: the server and each device. */
    public Map<String, String> secrets() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(server.id(), server.secret());
        devices.forEach(d -> m.put(d.id(), d.secret()));
        return m;
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

    private static String secret(Config c, String path, String key) {
        String value = c.getString(path);
        if (value.length() < 12) {
            throw new BadConfigException(key + " must have at least 12 characters");
        }
        return value;
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
