package io.counterline.server;

import io.counterline.protocol.Topics;
import io.counterline.server.broker.AccessRules;
import io.counterline.server.broker.Credentials;
import io.counterline.server.broker.EmbeddedBroker;
import io.counterline.server.broker.MosquittoFiles;
import io.counterline.server.config.BadConfigException;
import io.counterline.server.config.BranchConfig;
import io.counterline.server.uplink.UplinkSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code branch-server --config FILE}: runs the branch server until stopped (Ctrl-C, SIGTERM). */
@Command(name = "branch-server", mixinStandardHelpOptions = true, version = "Counterline branch server 0.1",
        description = "Runs a branch's queue server with its broker.",
        subcommands = {BranchServerMain.MosquittoFilesCommand.class, BranchServerMain.HashPinCommand.class})
public final class BranchServerMain implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(BranchServerMain.class);

    @Option(names = "--config", required = true, description = "the branch configuration file (HOCON)")
    Path config;

    @Option(names = "--broker-only", description = "run only the embedded broker (the server runs elsewhere)")
    boolean brokerOnly;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BranchServerMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        BranchConfig cfg = loadOrExplain(config);
        if (cfg == null) {
            return 2;
        }
        CountDownLatch stop = new CountDownLatch(1);
        AutoCloseable running;
        if (brokerOnly) {
            EmbeddedBroker broker = BranchServer.startBroker(cfg);
            log.info("broker only: {}", broker.uri());
            running = broker;
        } else {
            Optional<UplinkSettings> headOffice;
            try {
                headOffice = UplinkSettings.load(config);
            } catch (BadConfigException e) {
                log.error("configuration {}: the head-office block is not usable: {}", config, e.getMessage());
                return 2;
            }
            running = BranchServer.start(cfg, Clock.systemUTC(), headOffice);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                log.warn("stopping: {}", e.getMessage());
            }
            stop.countDown();
        }, "shutdown"));
        stop.await();
        return 0;
    }

    static BranchConfig loadOrExplain(Path file) {
        try {
            return BranchConfig.load(file);
        } catch (BadConfigException e) {
            log.error("configuration {} is not usable: {}", file, e.getMessage());
            return null;
        }
    }

    /** {@code branch-server hash-pin}: reads a PIN from standard input, prints the hash for {@code tellers[].pin-hash}. */
    @Command(name = "hash-pin", mixinStandardHelpOptions = true,
            description = "Reads a teller PIN from standard input and prints its hash for the configuration.")
    static final class HashPinCommand implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            java.io.Console console = System.console();
            String pin = console != null ? new String(console.readPassword("PIN: "))
                    : new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            if (pin == null || !pin.matches("\\d{4,8}")) {
                System.err.println("a PIN is 4 to 8 digits");
                return 2;
            }
            System.out.println(io.counterline.config.PinHash.hash(pin));
            return 0;
        }
    }

    /** {@code branch-server mosquitto-files --config FILE --out DIR}: Mosquitto passwd, acl and conf. */
    @Command(name = "mosquitto-files", mixinStandardHelpOptions = true,
            description = "Writes passwd, acl and counterline.conf so that Mosquitto enforces the branch's rules.")
    static final class MosquittoFilesCommand implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "the branch configuration file")
        Path config;

        @Option(names = "--out", required = true, description = "folder for the files, e.g. /etc/mosquitto/counterline")
        Path out;

        @Option(names = "--listen", defaultValue = "0.0.0.0", description = "listener address (default ${DEFAULT-VALUE})")
        String listen;

        @Option(names = "--port", defaultValue = "1883", description = "listener port (default ${DEFAULT-VALUE})")
        int port;

        @Override
        public Integer call() throws Exception {
            BranchConfig cfg = loadOrExplain(config);
            if (cfg == null) {
                return 2;
            }
            MosquittoFiles.Written w = new MosquittoFiles().write(out, new Credentials(cfg.secrets()),
                    new AccessRules(Topics.of(cfg.branch().id()), cfg.server().id()), listen, port);
            System.out.println("wrote " + w.passwordFile() + ", " + w.aclFile() + ", " + w.configFile());
            return 0;
        }
    }
}
