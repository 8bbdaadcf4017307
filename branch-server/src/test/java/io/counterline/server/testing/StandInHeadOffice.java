package io.counterline.server.testing;

import io.counterline.testing.Binaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A plain Mosquitto on loopback standing in for the head-office cluster in branch-side tests
 * (anyone may connect): it carries the uplink's facts and the test's acknowledgements. The real
 * cluster with per-branch permissions is tested in the head-office module.
 */
public final class StandInHeadOffice extends ListeningProcess {
    private final Path binary;
    private final Path confFile;

    public StandInHeadOffice(int port, Path dir) throws IOException {
        super(port, dir.resolve("head-office-mosquitto.log"));
        this.binary = Binaries.require("mosquitto", "mosquitto");
        this.confFile = dir.resolve("head-office-mosquitto.conf");
        Files.writeString(confFile, "listener " + port + " 127.0.0.1\n"
                + "allow_anonymous true\n"
                + "user " + System.getProperty("user.name") + "\n"
                + "persistence false\n"
                + "log_dest stdout\n");
    }

    @Override
    protected ProcessBuilder command() {
        return new ProcessBuilder(binary.toString(), "-c", confFile.toString());
    }

    @Override
    public String name() {
        return "stand-in head office (mosquitto)";
    }
}
