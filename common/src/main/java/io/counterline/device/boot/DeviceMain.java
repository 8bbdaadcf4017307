package io.counterline.device.boot;

import io.counterline.config.BadConfig;
import io.counterline.config.ConfigFile;
import io.counterline.device.DeviceRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The one way a device app starts: {@code APP --config FILE [--check]}, {@code --help},
 * {@code --version}. The whole config is read and checked before anything starts (JavaFX, Pi4J,
 * the broker connection); a bad one is one line on standard error naming file, line and key, and
 * exit status 2.
 *
 * <p>Exit status: 0 stopped cleanly or {@code --check} passed; 1 failed while starting (a part
 * that could not start, e.g. an unwritable data folder); 2 bad command line or bad config; 3
 * stopped cleanly to be started again ({@code device.restart}: the units restart on it).
 */
@Command(mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs this Counterline device app with the settings in FILE (HOCON).",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:stopped cleanly, or --check found the config usable",
                "1:failed while starting (see the log)", "2:bad command line or bad config (one line says where)",
                "3:stopped cleanly on a device.restart command, for systemd to start it again"})
public final class DeviceMain<S> implements Callable<Integer> {
    public static final int OK = 0;
    public static final int START_FAILED = 1;
    public static final int BAD_CONFIG = 2;
    /** Not 0 (Restart=on-failure would not restart), not 2 (RestartPreventExitStatus), not 143 (SuccessExitStatus). */
    public static final int RESTART = 3;

    private static final Logger log = LoggerFactory.getLogger(DeviceMain.class);

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the device's config file")
    Path config;

    @Option(names = "--check", description = "check FILE whole and exit (0 usable, 2 not) without starting anything")
    boolean check;

    private final DeviceApp<S> app;
    private final PrintWriter out;
    private final PrintWriter err;

    private DeviceMain(DeviceApp<S> app, PrintWriter out, PrintWriter err) {
        this.app = app;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code app} with the process's arguments and exits with its status. */
    public static void main(DeviceApp<?> app, String[] args) {
        System.exit(execute(app, args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** As {@link #main}, returning the exit status instead of exiting (tests, launchers). */
    public static <S> int execute(DeviceApp<S> app, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new DeviceMain<>(app, out, err)).setCommandName(app.name())
                .setOut(out).setErr(err)
                .setExitCodeExceptionMapper(e -> START_FAILED)
                .setParameterExceptionHandler((e, a) -> {
                    err.println(app.name() + ": " + e.getMessage());
                    e.getCommandLine().usage(err);
                    return BAD_CONFIG;
                });
        cli.getCommandSpec().version("Counterline " + app.name() + " " + DeviceRuntime.VERSION);
        return cli.execute(args);
    }

    /**
     * Reads and checks {@code file} whole as {@code app} reads it.
     *
     * @throws BadConfig naming file, line and key
     */
    public static <S> S load(DeviceApp<S> app, Path file) {
        ConfigFile.Loaded<S> loaded = ConfigFile.read(file, app.defaults(), app.keys(), app::read);
        loaded.warnings().forEach(w -> log.warn("{}", w));
        return loaded.settings();
    }

    @Override
    public Integer call() {
        S settings;
        try {
            ConfigFile.Loaded<S> loaded = ConfigFile.read(config, app.defaults(), app.keys(), app::read);
            loaded.warnings().forEach(err::println); // standard error is the journal: once is enough
            settings = loaded.settings();
        } catch (BadConfig e) {
            err.println(e.getMessage());
            return BAD_CONFIG;
        }
        if (check) {
            out.println(config + ": ok");
            return OK;
        }
        Shutdown shutdown = new Shutdown(app.name()).onJvmExit();
        try {
            app.run(settings, shutdown);
        } catch (Exception | LinkageError e) {
            log.error("{} not started", app.name(), e);
            err.println(app.name() + " not started: " + e);
            shutdown.close();
            return START_FAILED;
        }
        shutdown.close();
        return shutdown.exitStatus();
    }
}
