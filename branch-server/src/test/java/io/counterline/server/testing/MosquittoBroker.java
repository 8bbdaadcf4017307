package io.counterline.server.testing;

import io.counterline.protocol.Topics;
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
        MosquittoFiles.Written files = new MosquittoFiles().write(dir.resolve("mosquitto"),
                new Credentials(config.secrets()),
                new AccessRules(Topics.of(config.branch().id()), config.server().id()), "127.0.0.1", port);
        this.mosquitto = Mosquitto.withConfig(dir, port, Files.readString(files.configFile()));
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
