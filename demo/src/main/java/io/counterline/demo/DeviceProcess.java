package io.counterline.demo;

import com.typesafe.config.ConfigFactory;
import io.counterline.demo.people.SimulatedCustomers;
import io.counterline.demo.people.SimulatedRater;
import io.counterline.demo.people.SimulatedTeller;
import io.counterline.device.DeviceRuntime;
import io.counterline.protocol.DeviceRole;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One device of a branch in its own JVM, with simulated hardware and the simulated person who
 * uses it: customers at a kiosk, a teller at a counter caller, raters at a pad, nobody at a hall
 * display. For tests that run a branch as separate processes and kill some of them. Standard
 * output carries {@link FactLines} only; the log goes to standard error. Runs until SIGTERM
 * (closing cleanly) or SIGKILL.
 */
@Command(name = "device", mixinStandardHelpOptions = true, version = "Counterline device process 0.1",
        description = "Runs one simulated device with its simulated user and prints what happens, one fact a line.")
public final class DeviceProcess implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(DeviceProcess.class);
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(60);

    @Option(names = "--role", required = true, converter = RoleConverter.class,
            description = "kiosk, counter-caller, rating-pad or hall-display")
    DeviceRole role;

    @Option(names = "--device", required = true, description = "device id, as in the branch configuration")
    String device;

    @Option(names = "--broker", required = true, description = "broker URI, e.g. tcp://127.0.0.1:1883")
    String broker;

    @Option(names = "--secret", required = true, description = "the device's broker secret")
    String secret;

    @Option(names = "--data", required = true, description = "the device's data folder (outbox, lease file, slips)")
    Path data;

    @Option(names = "--counter", description = "counter-caller, rating-pad: the counter it stands at")
    String counter;

    @Option(names = "--teller", description = "counter-caller: who signs in")
    String teller;

    @Option(names = "--pin", description = "counter-caller: the teller's PIN")
    String pin;

    @Option(names = "--customers", defaultValue = "0",
            description = "kiosk: customers stop coming after this many slips (default: until stopped)")
    int customers;

    @Option(names = "--services", split = ",", defaultValue = "A,B,C,D",
            description = "kiosk: the services customers ask for, at random (default ${DEFAULT-VALUE})")
    List<String> services;

    @Option(names = "--no-show", defaultValue = "0",
            description = "counter-caller: the chance, 0 to 1, that a called customer does not come (default ${DEFAULT-VALUE})")
    double noShow;

    @Option(names = "--pace", defaultValue = "1s", converter = DurationConverter.class,
            description = "how often customers come and tellers act, how long raters think (default ${DEFAULT-VALUE})")
    Duration pace;

    private final FactLines facts;
    /** Filled by the main thread, emptied by the shutdown hook. */
    private final Opened open = new Opened(log);
    private final Random random = new Random();

    DeviceProcess(FactLines facts) {
        this.facts = facts;
    }

    public static void main(String[] args) {
        // Standard output is for facts only: whatever else writes there (a console log appender)
        // writes to standard error instead.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new DeviceProcess(new FactLines(out))).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String missing = missingOptions();
        if (!missing.isEmpty()) {
            System.err.println(role.wire() + " needs " + missing);
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            close();
            stopped.countDown();
        }, "device-shutdown"));
        SimulatedDevices devices = new SimulatedDevices(open);
        SimulatedDevices.Access access = new SimulatedDevices.Access(device, broker, secret, data.toAbsolutePath());
        Runnable person;
        DeviceRuntime runtime;
        switch (role) {
            case KIOSK -> {
                SimulatedDevices.Kiosk kiosk = devices.kiosk(access);
                runtime = kiosk.runtime();
                person = () -> {
                    SimulatedCustomers people = open.keep(new SimulatedCustomers(kiosk.node(), device, services, customers,
                            pace, random, facts));
                    people.allPrinted().thenAccept(n -> facts.fact("DONE", Integer.toString(n)));
                    people.start();
                };
            }
            case COUNTER_CALLER -> {
                SimulatedDevices.Caller caller = devices.caller(access, counter);
                runtime = caller.runtime();
                // The teller signs in by itself on its first look at the counter.
                person = () -> open.keep(new SimulatedTeller(caller.node().controller(), counter, teller, pin, pace, noShow,
                        random, facts)).start();
            }
            case RATING_PAD -> {
                var pad = devices.pad(access, counter);
                runtime = pad.runtime();
                person = () -> open.keep(new SimulatedRater(pad, pace, random, facts)).start();
            }
            case HALL_DISPLAY -> {
                SimulatedDevices.Hall hall = devices.hall(access);
                runtime = hall.runtime();
                person = () -> hall.node().board().onNewCall(call -> facts.fact("HALL", call.number(), call.counter()));
            }
            default -> throw new IllegalStateException("no simulated device for role " + role.wire());
        }
        CountDownLatch connected = new CountDownLatch(1);
        SimulatedDevices.countWhenConnected(runtime::onConnection, runtime::isConnected, connected);
        if (!connected.await(CONNECT_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            log.error("{} did not reach the broker {} within {} s", device, broker, CONNECT_WAIT.toSeconds());
            return 1;
        }
        facts.fact("READY");
        person.run();
        stopped.await();
        return 0;
    }

    private String missingOptions() {
        boolean atCounter = role == DeviceRole.COUNTER_CALLER || role == DeviceRole.RATING_PAD;
        if (atCounter && counter == null) {
            return "--counter";
        }
        if (role == DeviceRole.COUNTER_CALLER && (teller == null || pin == null)) {
            return "--teller and --pin";
        }
        return "";
    }

    /** The people first, then the devices, in reverse order of start. */
    private void close() {
        open.close();
    }

    static final class RoleConverter implements CommandLine.ITypeConverter<DeviceRole> {
        @Override
        public DeviceRole convert(String value) {
            return DeviceRole.of(value);
        }
    }

    /** Durations as in the configuration files: "50ms", "1s", "2 minutes". */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return ConfigFactory.parseMap(Map.of("d", value)).getDuration("d");
        }
    }
}
