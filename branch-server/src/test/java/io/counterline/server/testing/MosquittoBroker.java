package io.counterline.server.testing;

import io.counterline.server.broker.AccessRules;
import io.counterline.server.broker.Credentials;
import io.counterline.server.broker.MosquittoFiles;
import io.counterline.server.config.BranchConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real Mosquitto 2.x, configured with the files {@link MosquittoFiles} generates for the
 * branch, listening on loopback only.
 */
public final class MosquittoBroker extends ListeningProcess {
    private final Path binary;
    private final Path confFile;

    public MosquittoBroker(BranchConfig config, int port, Path dir) throws IOException {
        this(config, port, dir, false);
    }

    /**
     * As installed: started as root, Mosquitto drops to its own user before it reads the
     * password file, as on a server (only for a test that runs as root).
     */
    public static MosquittoBroker asInstalled(BranchConfig config, int port, Path dir) throws IOException {
        return new MosquittoBroker(config, port, dir, true);
    }

    private MosquittoBroker(BranchConfig config, int port, Path dir, boolean asInstalled) throws IOException {
        super(port, dir.resolve("mosquitto.log"));
        this.binary = Binaries.require("mosquitto", "mosquitto");
        MosquittoFiles.Written files = new MosquittoFiles().write(dir.resolve("mosquitto"),
                new Credentials(config.secrets()),
                AccessRules.of(config), "127.0.0.1", port,
                MosquittoFiles.tlsOf(config));
        // Run as whoever runs the test: as root, Mosquitto would otherwise switch to user
        // "mosquitto", who cannot read the test's password file.
        this.confFile = dir.resolve("mosquitto-test.conf");
        Files.writeString(confFile, Files.readString(files.configFile())
                + (asInstalled ? "" : "user " + System.getProperty("user.name") + "\n")
                + "persistence false\n"
                + "log_dest stdout\n");
    }

    @Override
    protected ProcessBuilder command() {
        return new ProcessBuilder(binary.toString(), "-c", confFile.toString());
    }

    @Override
    public String name() {
        return "mosquitto";
    }
}
