package io.counterline.server.testing;

import io.counterline.server.broker.AccessRules;
import io.counterline.server.broker.Credentials;
import io.counterline.server.broker.MosquittoFiles;
import io.counterline.server.config.BranchConfig;
import io.counterline.testing.Mosquitto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real Mosquitto 2.x ({@link Mosquitto}), configured with the files {@link MosquittoFiles}
 * generates for the branch, listening on loopback only.
 */
public final class MosquittoBroker implements BrokerProcess {
    private final Mosquitto mosquitto;

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
        MosquittoFiles.Written files = new MosquittoFiles().write(dir.resolve("mosquitto"),
                new Credentials(config.secrets()), AccessRules.of(config), "127.0.0.1", port,
                MosquittoFiles.tlsOf(config));
        String conf = Files.readString(files.configFile());
        this.mosquitto = asInstalled ? Mosquitto.asInstalled(dir, port, conf) : Mosquitto.withConfig(dir, port, conf);
    }

    @Override
    public void start() throws Exception {
        mosquitto.start();
    }

    @Override
    public void kill() {
        mosquitto.kill();
    }

    @Override
    public String uri() {
        return mosquitto.uri();
    }

    @Override
    public String name() {
        return "mosquitto";
    }

    @Override
    public void close() {
        mosquitto.close();
    }
}
