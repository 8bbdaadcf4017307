package io.counterline.demo.bench;

import io.counterline.protocol.Topics;
import io.counterline.server.BranchServer;
import io.counterline.server.broker.AccessRules;
import io.counterline.server.broker.Credentials;
import io.counterline.server.broker.EmbeddedBroker;
import io.counterline.server.broker.MosquittoFiles;
import io.counterline.server.config.BranchConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The broker the benchmark runs over, on 127.0.0.1 only: Mosquitto in its own process, configured
 * by the files {@link MosquittoFiles} writes for the branch, or the embedded Moquette broker the
 * branch server would start, in this JVM.
 */
interface LoopbackBroker extends AutoCloseable {
    Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

    enum Kind { EMBEDDED, MOSQUITTO }

    /** Mosquitto when it is installed, else embedded. */
    static Kind defaultKind() {
        return Files.isExecutable(MOSQUITTO) ? Kind.MOSQUITTO : Kind.EMBEDDED;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static LoopbackBroker start(Kind kind, BranchConfig branch, int port, Path dir) throws IOException {
        return kind == Kind.MOSQUITTO ? Mosquitto.start(branch, port, dir) : Embedded.start(branch, port);
    }

    String uri();

    /** What it is, for the report: name, version, address. */
    String describe();

    @Override
    void close();

    /** Moquette in this JVM, as {@link BranchServer#startBroker} starts it. */
    final class Embedded implements LoopbackBroker {
        private final EmbeddedBroker broker;

        private Embedded(EmbeddedBroker broker) {
            this.broker = broker;
        }

        static Embedded start(BranchConfig branch, int port) throws IOException {
            return new Embedded(EmbeddedBroker.start("127.0.0.1", port, new Credentials(branch.secrets()),
                    new AccessRules(Topics.of(branch.branch().id()), branch.server().id())));
        }

        @Override
        public String uri() {
            return broker.uri();
        }

        @Override
        public String describe() {
            return "embedded Moquette (in the bench JVM) on " + uri();
        }

        @Override
        public void close() {
            broker.close();
        }
    }

    /** {@code /usr/sbin/mosquitto -c FILE}, with the branch's passwd and acl; killed on close. */
    final class Mosquitto implements LoopbackBroker {
        private final Process process;
        private final int port;
        private final String version;

        private Mosquitto(Process process, int port, String version) {
            this.process = process;
            this.port = port;
            this.version = version;
        }

        static Mosquitto start(BranchConfig branch, int port, Path dir) throws IOException {
            MosquittoFiles.Written files = new MosquittoFiles().write(dir.resolve("mosquitto"),
                    new Credentials(branch.secrets()), new AccessRules(Topics.of(branch.branch().id()),
                            branch.server().id()), "127.0.0.1", port);
            // As root Mosquitto would switch to user "mosquitto", who cannot read our password file.
            Path conf = dir.resolve("mosquitto-bench.conf");
            Files.writeString(conf, Files.readString(files.configFile()) + "user " + System.getProperty("user.name")
                    + "\npersistence false\nlog_dest stdout\n");
            Process p = new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
            Mosquitto m = new Mosquitto(p, port, version());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!m.accepts()) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    m.close();
                    throw new IOException("mosquitto did not start on 127.0.0.1:" + port + ": "
                            + Files.readString(dir.resolve("mosquitto.log")));
                }
                pause();
            }
            return m;
        }

        private static String version() {
            try {
                Process p = new ProcessBuilder(MOSQUITTO.toString(), "-h").redirectErrorStream(true).start();
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String first = r.readLine();
                    p.waitFor(5, TimeUnit.SECONDS);
                    return first == null ? "mosquitto" : first.trim();
                }
            } catch (IOException e) {
                return "mosquitto (version unknown: " + e.getMessage() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "mosquitto";
            }
        }

        private boolean accepts() {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private static void pause() {
            try {
                Thread.sleep(50); // pacing a readiness poll of another process's port
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public String uri() {
            return "tcp://127.0.0.1:" + port;
        }

        @Override
        public String describe() {
            return version + " (" + MOSQUITTO + ", own process) on " + uri();
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
