package io.counterline.server;

import io.counterline.config.BadConfig;
import io.counterline.protocol.Topics;
import io.counterline.server.broker.AccessRules;
import io.counterline.server.broker.Credentials;
import io.counterline.server.broker.EmbeddedBroker;
import io.counterline.server.broker.MosquittoFiles;
import io.counterline.server.config.BranchConfig;
import io.counterline.server.console.BranchConsole;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code branch-server --config FILE [--check]}: runs the branch server until stopped (Ctrl-C,
 * SIGTERM). Exit status: 0 stopped cleanly or {@code --check} passed; 1 failed while starting;
 * 2 bad command line or bad config (one line on standard error naming file, line and key).
 * The subcommands take their own options: {@code branch-server mosquitto-files --config FILE --out DIR},
 * {@code branch-server hash-pin}.
 */
@Command(name = "branch-server", mixinStandardHelpOptions = true, version = "Counterline branch server 0.1",
        description = "Runs a branch's queue server with its broker.",
        subcommands = {BranchServerMain.MosquittoFilesCommand.class, BranchServerMain.HashPinCommand.class,
                io.counterline.server.console.UserCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:stopped cleanly, or --check found the config usable",
                "1:failed while starting (see the log)", "2:bad command line or bad config (one line says where)"})
public final class BranchServerMain implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(BranchServerMain.class);

    // Not "required" for picocli: the subcommands have their own --config, and a required option
    // here would make "branch-server mosquitto-files --config FILE" ask for it twice.
    @Option(names = "--config", paramLabel = "FILE", description = "the branch configuration file (HOCON)")
    Path config;

    @Option(names = "--check", description = "check FILE whole and exit (0 usable, 2 not) without starting anything")
    boolean check;

    @Option(names = "--broker-only", description = "run only the embedded broker (the server runs elsewhere)")
    boolean brokerOnly;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its exit statuses: 2 for a bad command line, 1 for a failed start. */
    static CommandLine commandLine() {
        return new CommandLine(new BranchServerMain())
                .setExitCodeExceptionMapper(e -> 1)
                .setParameterExceptionHandler((e, args) -> {
                    e.getCommandLine().getErr().println("branch-server: " + e.getMessage());
                    e.getCommandLine().usage(e.getCommandLine().getErr());
                    return 2;
                });
    }

    @Override
    public Integer call() throws Exception {
        if (config == null) {
            System.err.println("branch-server: Missing required option: '--config=FILE'");
            new CommandLine(new BranchServerMain()).usage(System.err);
            return 2;
        }
        BranchConfig cfg = loadOrExplain(config);
        if (cfg == null) {
            return 2;
        }
        if (check) {
            System.out.println(config + ": ok");
            return 0;
        }
        CountDownLatch stop = new CountDownLatch(1);
        AutoCloseable running;
        if (brokerOnly) {
            EmbeddedBroker broker = BranchServer.startBroker(cfg);
            log.info("broker only: {}", broker.uri());
            running = broker;
        } else {
            running = BranchServer.start(cfg, Clock.systemUTC());
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

    /** The config, or null after one line on standard error naming file, line and key. */
    static BranchConfig loadOrExplain(Path file) {
        try {
            return BranchConfig.load(file);
        } catch (BadConfig e) {
            System.err.println(e.getMessage());
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
        @Option(names = "--config", required = true, paramLabel = "FILE", description = "the branch configuration file")
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
                    BranchConsole.addedDeviceHashes(cfg), AccessRules.of(cfg), listen, port, MosquittoFiles.tlsOf(cfg));
            System.out.println("wrote " + w.passwordFile() + ", " + w.aclFile() + ", " + w.configFile());
            w.todo().forEach(t -> System.out.println("to do: " + t));
            return 0;
        }
    }
}
