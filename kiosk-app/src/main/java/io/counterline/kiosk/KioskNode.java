package io.counterline.kiosk;

import io.counterline.device.DeviceRuntime;
import io.counterline.kiosk.buttons.ServiceButtons;
import io.counterline.kiosk.offline.LeaseBook;
import io.counterline.kiosk.printer.SlipPrinter;
import io.counterline.kiosk.ticket.KioskController;
import io.counterline.kiosk.ticket.KioskState;
import io.counterline.kiosk.ticket.TicketOutcome;
import io.counterline.kiosk.ticket.UnansweredBook;
import io.counterline.messaging.MessageBus;
import io.counterline.messaging.RequestClient;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.DayState;
import io.counterline.protocol.Response;
import io.counterline.protocol.ServicesState;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk without a screen: its controller wired to a running {@link DeviceRuntime} (state,
 * connection, late answers, the test-page command), a {@link SlipPrinter} and optional
 * {@link ServiceButtons}, with the lease file {@code kiosk.db} in the device's data folder (leased
 * blocks and the requests still unanswered, {@link UnansweredBook}) and a
 * timer thread {@value #TIMER_THREAD} that polls printer status and button health. The JavaFX
 * screen is a view on {@link #controller()}; a headless demo or a benchmark calls {@link #press}.
 *
 * <p>The node owns its controller, timer and lease file; runtime, printer and buttons stay the
 * caller's, to be closed after the node.
 */
public final class KioskNode implements AutoCloseable {
    public static final String TIMER_THREAD = "kiosk-timer";
    private static final Logger log = LoggerFactory.getLogger(KioskNode.class);

    private final LeaseBook leases;
    private final UnansweredBook unanswered;
    private final ScheduledExecutorService timer;
    private final KioskController controller;

    private KioskNode(LeaseBook leases, UnansweredBook unanswered, ScheduledExecutorService timer,
                      KioskController controller) {
        this.leases = leases;
        this.unanswered = unanswered;
        this.timer = timer;
        this.controller = controller;
    }

    /**
     * Builds and wires the kiosk; returns at once.
     *
     * @throws SQLException the lease file cannot be opened (the data folder is not writable)
     */
    public static KioskNode start(KioskSettings settings, DeviceRuntime runtime, SlipPrinter printer,
                                  Optional<ServiceButtons> buttons) throws SQLException {
        LeaseBook leases = LeaseBook.open(runtime.settings().dataDir().resolve("kiosk.db"));
        UnansweredBook unanswered;
        try {
            unanswered = UnansweredBook.open(runtime.settings().dataDir().resolve("kiosk.db"));
        } catch (SQLException e) {
            leases.close();
            throw e;
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, TIMER_THREAD);
            t.setDaemon(true);
            return t;
        });
        KioskController controller = new KioskController(settings, runtime, printer, leases, unanswered);
        runtime.onState(runtime.topics().day(), DayState.class, controller::dayChanged);
        runtime.onState(runtime.topics().services(), ServicesState.class, controller::servicesChanged);
        runtime.requests().setUnansweredListener(new RequestClient.UnansweredListener() {
            @Override
            public void unanswered(RequestClient.Unanswered request) {
                controller.unanswered(request);
            }

            @Override
            public void answeredLate(RequestClient.Unanswered request, Response answer) {
                controller.lateAnswer(request, answer);
            }

            @Override
            public void abandoned(RequestClient.Unanswered request, String why) {
                controller.abandoned(request);
            }
        });
        runtime.onCommand(command -> {
            if (command.type() == CommandType.PRINT_TEST_PAGE) {
                controller.testPrint().thenAccept(problem -> problem.ifPresent(
                        p -> log.warn("test page asked by the server not printed: {}", p)));
            }
        });
        runtime.onConnection(new MessageBus.ConnectionListener() {
            @Override
            public void connected() {
                controller.connectionChanged(true);
            }

            @Override
            public void disconnected(String reason) {
                controller.connectionChanged(false);
            }
        });
        buttons.ifPresent(b -> b.setListener(controller::press));
        // Status reads block (up to the printer's status timeout), so they run here, not on the controller.
        timer.scheduleWithFixedDelay(() -> {
            try {
                controller.printerStatus(printer.status());
                buttons.ifPresent(b -> runtime.health().report("buttons", b.health()));
                controller.tick();
            } catch (RuntimeException e) {
                log.error("status poll failed", e);
            }
        }, 0, settings.statusPoll().toMillis(), TimeUnit.MILLISECONDS);
        log.info("kiosk {} started", runtime.settings().id());
        controller.resumeUnanswered();
        return new KioskNode(leases, unanswered, timer, controller);
    }

    /** Asks for a ticket of {@code serviceId} as a touch or a button would; see {@link KioskController#press}. */
    public CompletableFuture<TicketOutcome> press(String serviceId) {
        return controller.press(serviceId);
    }

    public KioskController controller() {
        return controller;
    }

    public KioskState state() {
        return controller.state();
    }

    /** Stops the timer, lets a slip in progress finish, closes the lease file. */
    @Override
    public void close() {
        timer.shutdownNow();
        controller.close();
        unanswered.close();
        leases.close();
    }
}
