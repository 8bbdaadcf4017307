package io.counterline.headoffice.testing;

import com.rabbitmq.client.Address;
import io.counterline.testing.FreePort;
import io.counterline.testing.Listening;
import io.counterline.testing.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real RabbitMQ cluster from Debian's {@code rabbitmq-server} on loopback, with the MQTT plugin:
 * every node on its own free ports (AMQP, MQTT, Erlang distribution) and one epmd on a free port,
 * all in a fresh directory, so a system RabbitMQ (if any) is never touched.
 *
 * <p>Traps this avoids (docs/head-office.md): the {@code /usr/sbin} wrappers switch to the
 * rabbitmq user and miss the cookie, so {@code /usr/lib/rabbitmq/bin} is called directly; the
 * node's PID is the one in {@code RABBITMQ_PID_FILE}, not the script's; distribution and epmd are
 * bound to 127.0.0.1; epmd outlives the nodes and is stopped at close.
 *
 * <p>A listening MQTT port is not a serving node: the 3.10 MQTT plugin registers every client id
 * in its own Raft cluster ({@code mqtt_node}, one member per node) and answers CONNACK 3 ("Broker
 * unavailable") while the local member knows no leader. So the nodes are started one after the
 * other, each fully booted before the next joins (one membership change at a time), and
 * {@link #awaitHealthy} checks what a test relies on: every node running, each node's tracker
 * and quorum-queue member in the full three-member group with a leader, and a real MQTT CONNECT
 * accepted by every node.
 */
public final class RabbitCluster implements AutoCloseable {
    private static final Path BIN = Path.of("/usr/lib/rabbitmq/bin");
    /** Debian's {@code rabbitmq-server}; tests check it first to skip or fail with its name. */
    public static final Path SERVER = BIN.resolve("rabbitmq-server");

    /** One node's name, ports and directory. */
    public record Node(int index, String name, int amqpPort, int mqttPort, int distPort, Path dir) {
        public String mqttUri() {
            return "tcp://127.0.0.1:" + mqttPort;
        }
    }

    private final Path dir;
    private final int epmdPort;
    private final List<Node> nodes = new ArrayList<>();
    private final Path home;
    private final String adminPassword = "hq-admin-" + Long.toHexString(System.nanoTime());

    private RabbitCluster(Path dir, int size) throws IOException {
        this.dir = dir;
        this.epmdPort = FreePort.find();
        this.home = dir.resolve("home");
        Files.createDirectories(home);
        Path cookie = home.resolve(".erlang.cookie");
        Files.writeString(cookie, "COUNTERLINE" + Long.toHexString(System.nanoTime()).toUpperCase());
        Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
        for (int i = 1; i <= size; i++) {
            nodes.add(new Node(i, "hq" + i + "@localhost", FreePort.find(), FreePort.find(), FreePort.find(),
                    dir.resolve("node" + i)));
        }
    }

    /**
     * Starts the nodes one after the other (each joins the ones before once fully booted) and
     * returns when the cluster is healthy.
     */
    public static RabbitCluster start(Path dir, int size) throws Exception {
        Commands.require(SERVER, "rabbitmq-server");
        RabbitCluster cluster = new RabbitCluster(dir, size);
        try {
            for (Node n : cluster.nodes) {
                cluster.launch(n);
                cluster.awaitBooted(n);
            }
            cluster.awaitHealthy();
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    public Node node(int index) {
        return nodes.get(index - 1);
    }

    /** Every node's AMQP address, for a client that moves to another node when one fails. */
    public List<Address> amqpAddresses() {
        return nodes.stream().map(n -> new Address("127.0.0.1", n.amqpPort())).toList();
    }

    /** A running node's Erlang VM process id (from its PID file), for the benchmark's CPU shares. */
    public long pid(int index) throws IOException {
        return Long.parseLong(Files.readString(node(index).dir().resolve("pid")).trim());
    }

    /** SIGKILL of a node's Erlang VM. */
    public void kill(int index) throws Exception {
        Node n = node(index);
        Path pidFile = n.dir().resolve("pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
        Files.deleteIfExists(pidFile);
    }

    /** Starts a killed node again on its old data; returns when it has rejoined and serves MQTT. */
    public void restart(int index, String... quorumQueues) throws Exception {
        Node n = node(index);
        launch(n);
        awaitBooted(n);
        awaitHealthy(quorumQueues);
    }

    /**
     * Returns once every node is running, each node's client-id tracker and each given quorum
     * queue's member are in the full group with a leader, and every node accepts an MQTT CONNECT;
     * otherwise throws with what was wrong and the nodes' own log lines about it.
     */
    public void awaitHealthy(String... quorumQueues) {
        String[] last = {"(not checked)"};
        boolean healthy;
        try {
            healthy = Poll.until(Duration.ofSeconds(90), Duration.ofMillis(500), () -> {
                last[0] = problems(quorumQueues);
                return last[0].isEmpty();
            });
        } catch (Exception e) {
            healthy = false;
            last[0] += " (" + e + ")";
        }
        if (!healthy) {
            throw new IllegalStateException("RabbitMQ cluster in " + dir + " not healthy: " + last[0] + "\n"
                    + String.join("\n", trackerLogLines()));
        }
    }

    /** What is wrong with the cluster now, or "" when nothing is. */
    private String problems(String... quorumQueues) {
        List<String> problems = new ArrayList<>();
        for (Node n : nodes) {
            if (!Files.exists(n.dir().resolve("pid"))) {
                problems.add(n.name() + " is not running");
            }
        }
        if (!problems.isEmpty()) {
            return String.join("; ", problems);
        }
        String expected = nodes.stream().map(Node::name).sorted().toList().toString().replace(" ", "");
        String groups;
        try {
            groups = ctl(1, "eval", membershipQuery(quorumQueues)).replaceAll("\\s", "");
        } catch (Exception e) {
            return "membership query failed: " + e.getMessage();
        }
        // One sorted member list per node and group; a node without a leader answers otherwise.
        int groupCount = nodes.size() * (1 + quorumQueues.length);
        String allGood = "[" + String.join(",", java.util.Collections.nCopies(groupCount, expected)) + "]";
        if (!groups.equals(allGood)) {
            problems.add("members per node (tracker, then " + List.of(quorumQueues) + "): " + groups
                    + ", wanted each " + expected);
        }
        for (Node n : nodes) {
            String refused = mqttRefusal(n);
            if (refused != null) {
                problems.add(n.name() + " refuses MQTT: " + refused);
            }
        }
        return String.join("; ", problems);
    }

    /**
     * An Erlang expression listing, for every node, the members its client-id tracker reports
     * (sorted node names) and then the same for each quorum queue's member on that node.
     */
    private String membershipQuery(String... quorumQueues) {
        String nodeList = nodes.stream().map(n -> "'" + n.name() + "'").toList().toString();
        StringBuilder q = new StringBuilder();
        q.append("Nodes = ").append(nodeList).append(", ");
        q.append("M = fun(Id) -> case catch ra:members(Id, 5000) of {ok, Ms, {_, _}} -> "
                + "lists:sort([N || {_, N} <- Ms]); Other -> Other end end, ");
        q.append("Ra = fun(Name) -> case rabbit_amqqueue:lookup(rabbit_misc:r(<<\"/\">>, queue, Name)) of "
                + "{ok, Q} -> element(1, amqqueue:get_pid(Q)); _ -> absent end end, ");
        q.append("Groups = [mqtt_node");
        for (String queue : quorumQueues) {
            q.append(", Ra(<<\"").append(queue).append("\">>)");
        }
        q.append("], lists:append([[M({G, N}) || N <- Nodes] || G <- Groups]).");
        return q.toString();
    }

    /** Why a node refuses an MQTT CONNECT (as the admin), or null when it accepts one. */
    private String mqttRefusal(Node n) {
        String clientId = "health-" + n.index() + "-" + Long.toHexString(System.nanoTime());
        try (org.eclipse.paho.client.mqttv3.MqttClient probe = new org.eclipse.paho.client.mqttv3.MqttClient(
                n.mqttUri(), clientId, new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence())) {
            var options = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
            options.setUserName("hq-admin");
            options.setPassword(adminPassword.toCharArray());
            options.setConnectionTimeout(10);
            options.setCleanSession(true);
            probe.connect(options);
            probe.disconnect();
            return null;
        } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
            return e.getMessage();
        }
    }

    /** The nodes' log lines about the MQTT client-id tracker and refused MQTT connections. */
    private List<String> trackerLogLines() {
        try {
            List<String> lines = new ArrayList<>();
            for (String text : List.of("mqtt_node", "MQTT cannot accept", "MQTT: ")) {
                lines.addAll(logLines(text));
            }
            return lines.subList(Math.max(0, lines.size() - 60), lines.size());
        } catch (IOException e) {
            return List.of("(logs unreadable: " + e.getMessage() + ")");
        }
    }

    /** {@code rabbitmqctl} against one node. */
    public String ctl(int index, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(BIN.resolve("rabbitmqctl").toString(), "-n", node(index).name()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(Map.of("HOME", home.toString(), "ERL_EPMD_PORT", String.valueOf(epmdPort),
                "ERL_EPMD_ADDRESS", "127.0.0.1"));
        return Commands.run(pb, 200);
    }

    /** Imports users and permissions (a definitions file) through node 1; applied cluster-wide. */
    public void importDefinitions(String json) throws Exception {
        Path file = dir.resolve("definitions-" + System.nanoTime() + ".json");
        Files.writeString(file, json);
        ctl(1, "import_definitions", file.toString());
    }

    /** The lines of every node's log that contain {@code text} (the broker's own record of refusals). */
    public List<String> logLines(String text) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Node n : nodes) {
            Path logs = n.dir().resolve("log");
            if (!Files.isDirectory(logs)) {
                continue;
            }
            try (var files = Files.list(logs)) {
                for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                    Files.readAllLines(f).stream().filter(l -> l.contains(text)).forEach(lines::add);
                }
            }
        }
        return lines;
    }

    private void launch(Node n) throws IOException {
        Files.createDirectories(n.dir());
        Files.writeString(n.dir().resolve("rabbitmq.conf"), String.join("\n",
                "listeners.tcp.1 = 127.0.0.1:" + n.amqpPort(),
                "mqtt.listeners.tcp.1 = 127.0.0.1:" + n.mqttPort(),
                "mqtt.allow_anonymous = false",
                "loopback_users = none",
                "default_user = hq-admin",
                "default_pass = " + adminPassword,
                "cluster_formation.peer_discovery_backend = classic_config",
                String.join("\n", nodes.stream().map(o -> "cluster_formation.classic_config.nodes." + o.index()
                        + " = " + o.name()).toList()),
                ""));
        Files.writeString(n.dir().resolve("enabled_plugins"), "[rabbitmq_mqtt].\n");
        ProcessBuilder pb = new ProcessBuilder(BIN.resolve("rabbitmq-server").toString());
        Map<String, String> env = pb.environment();
        env.put("HOME", home.toString());
        env.put("RABBITMQ_NODENAME", n.name());
        env.put("RABBITMQ_CONFIG_FILE", n.dir().resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", n.dir().resolve("enabled_plugins").toString());
        env.put("RABBITMQ_MNESIA_BASE", n.dir().resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", n.dir().resolve("log").toString());
        env.put("RABBITMQ_PID_FILE", n.dir().resolve("pid").toString());
        env.put("RABBITMQ_CONF_ENV_FILE", n.dir().resolve("rabbitmq-env.conf").toString());
        env.put("RABBITMQ_ADVANCED_CONFIG_FILE", n.dir().resolve("advanced.config").toString());
        env.put("RABBITMQ_DIST_PORT", String.valueOf(n.distPort()));
        env.put("ERL_EPMD_PORT", String.valueOf(epmdPort));
        env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(n.dir().resolve("console.log")
                .toFile())).start();
    }

    /**
     * Waits for the node's boot to complete ({@code rabbitmqctl wait} on its PID file returns when
     * the rabbit application has started, plugins and listeners included) and for its ports.
     */
    private void awaitBooted(Node n) {
        try {
            ctl(n.index(), "wait", n.dir().resolve("pid").toString(), "--timeout", "180");
            if (!Poll.until(Duration.ofSeconds(30), Duration.ofMillis(200),
                    () -> Listening.accepts(n.amqpPort()) && Listening.accepts(n.mqttPort()))) {
                throw new IllegalStateException("its ports did not open within 30 s");
            }
        } catch (Exception e) {
            throw new IllegalStateException("RabbitMQ node " + n.name() + " did not start: " + tail(n), e);
        }
    }

    private static String tail(Node n) {
        try {
            String text = Files.readString(n.dir().resolve("console.log"));
            return text.substring(Math.max(0, text.length() - 3000));
        } catch (IOException e) {
            return "(no console log)";
        }
    }

    @Override
    public void close() throws Exception {
        for (Node n : nodes) {
            kill(n.index());
        }
        ProcessBuilder epmd = new ProcessBuilder("epmd", "-port", String.valueOf(epmdPort), "-kill");
        epmd.environment().put("ERL_EPMD_ADDRESS", "127.0.0.1");
        try {
            Commands.run(epmd, 10);
        } catch (IllegalStateException e) {
            // no epmd left to stop
        }
    }
}
