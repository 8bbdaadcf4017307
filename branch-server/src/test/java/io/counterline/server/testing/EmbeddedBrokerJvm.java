package io.counterline.server.testing;

import io.counterline.server.BranchServerMain;
import io.counterline.testing.Listening;
import java.nio.file.Path;
import java.util.List;

/**
 * The embedded Moquette broker, as {@code branch-server --broker-only} runs it, in a child JVM
 * so that a test can SIGKILL it like any broker.
 */
public final class EmbeddedBrokerJvm extends ListeningProcess {
    private final Path configFile;

    public EmbeddedBrokerJvm(Path configFile, int port, Path dir) {
        super(port, dir.resolve("embedded-broker.log"));
        this.configFile = configFile;
    }

    @Override
    protected ProcessBuilder command() {
        return JavaProcess.builder(BranchServerMain.class, List.of("--config", configFile.toString(), "--broker-only"));
    }

    /**
     * The port opens an instant before the broker's Will guard is in place, and a CONNECT in that
     * instant is refused (EmbeddedBroker.installGuard): ready once the process says it started.
     */
    @Override
    protected boolean ready() {
        return Listening.accepts(port) && logSinceStart().contains("broker only:");
    }

    @Override
    public String name() {
        return "embedded broker";
    }
}
