package io.counterline.deploy;

import static org.awaitility.Awaitility.await;

import io.counterline.testing.Binaries;
import io.counterline.testing.FreePort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's OpenSSH server on 127.0.0.1 and a free port, for this test only: a throwaway host key,
 * one authorized client key, no passwords, no PAM; it lets in the user running the test.
 */
final class OpenSshServer implements AutoCloseable {
    final int port;
    final Path clientKey;
    final Path knownHosts;
    private final Path dir;
    private final Process process;

    private OpenSshServer(Path dir, int port, Path clientKey, Process process) {
        this.dir = dir;
        this.port = port;
        this.clientKey = clientKey;
        this.knownHosts = dir.resolve("known_hosts");
        this.process = process;
    }

    static OpenSshServer start(Path dir) throws IOException {
        Path sshd = Binaries.require("sshd", "openssh-server");
        Binaries.require("ssh", "openssh-client");
        Path hostKey = keyPair(dir, "host_key");
        Path clientKey = keyPair(dir, "client_key");
        Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
        int port = FreePort.find();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation directory
        }
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "PermitRootLogin " + (root ? "prohibit-password" : "no"),
                "Subsystem sftp internal-sftp",
                "LogLevel VERBOSE",
                ""));
        Process process = new ProcessBuilder(sshd.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        OpenSshServer server = new OpenSshServer(dir, port, clientKey, process);
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !process.isAlive() || accepts(port));
        } catch (RuntimeException e) {
            server.close();
            throw new IllegalStateException("sshd did not listen: " + server.log(), e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("sshd exited: " + server.log());
        }
        return server;
    }

    String target() {
        return System.getProperty("user.name") + "@127.0.0.1";
    }

    String log() {
        try {
            return Files.readString(dir.resolve("sshd.log"));
        } catch (IOException e) {
            return "(no sshd log: " + e.getMessage() + ")";
        }
    }

    /** A new ed25519 key pair (no passphrase) as FILE and FILE.pub. */
    static Path keyPair(Path dir, String name) throws IOException {
        Path key = dir.resolve(name);
        Run.of(Run.Duration.seconds(30), List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString()))
                .ok();
        return key;
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
