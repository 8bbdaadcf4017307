package io.counterline.caller;

import com.typesafe.config.ConfigFactory;
import io.counterline.audio.Announcement;
import io.counterline.audio.SimulatedAnnouncer;
import io.counterline.caller.button.CallButton;
import io.counterline.caller.button.SimulatedCallButton;
import io.counterline.caller.display.SimulatedCounterDisplay;
import io.counterline.device.DeviceRuntime;
import io.counterline.device.DeviceSettings;
import io.counterline.device.ScriptedServer;
import io.counterline.messaging.InMemoryBus;
import io.counterline.outbox.OutboxException;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.Bodies.CounterReply;
import io.counterline.protocol.Bodies.TellerDay;
import io.counterline.protocol.Command;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.CounterState;
import io.counterline.protocol.CounterStatus;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.ErrorInfo;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.Operation;
import io.counterline.protocol.RatingLevel;
import io.counterline.protocol.Request;
import io.counterline.protocol.Response;
import io.counterline.protocol.ServicesState;
import io.counterline.protocol.TellerRef;
import io.counterline.protocol.TicketIds;
import io.counterline.protocol.TicketRef;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A counter caller for counter c3 on simulated hardware, against a {@link ScriptedServer} on an
 * {@link InMemoryBus}, with plausible server answers: {@link #answer} scripts an operation to
 * answer with a counter state and publish it on {@code state/counters/c3}, as the server does.
 */
public final class CallerRig implements AutoCloseable {
    public static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");
    public static final TellerRef TELLER = new TellerRef("t01", "王芳", "E1001");
    public static final TellerDay DAY = new TellerDay(23, 252,
            Map.of(RatingLevel.VERY_SATISFIED, 10, RatingLevel.SATISFIED, 3, RatingLevel.AVERAGE, 1));

    public final InMemoryBus broker = new InMemoryBus();
    public final ScriptedServer server = new ScriptedServer(broker, "b001");
    public final CallerSettings settings;
    public final DeviceRuntime runtime;
    public final SimulatedCounterDisplay display = new SimulatedCounterDisplay();
    public final SimulatedCallButton button = new SimulatedCallButton();
    /** The button the node uses: {@link #button} unless the test gave one. */
    public final CallButton callButton;
    public final SimulatedAnnouncer announcer = new SimulatedAnnouncer();
    public final CallerNode node;

    public CallerRig(Path dataDir) throws OutboxException {
        this(dataDir, null);
    }

    /** @param callButton the button to wire instead of the simulated one, or null */
    public CallerRig(Path dataDir, CallButton callButton) throws OutboxException {
        this(dataDir, callButton, "", null);
    }

    /**
     * @param moreConfig more of the {@code counter-caller} block (a recording block), or ""
     * @param capture    the intercom when recording is enabled, or null for the configured one
     */
    public CallerRig(Path dataDir, CallButton callButton, String moreConfig,
                     io.counterline.caller.recording.AudioCapture capture) throws OutboxException {
        this.callButton = callButton == null ? button : callButton;
        var config = ConfigFactory.parseString("""
                device { id = caller-3, branch = b001, data-dir = "%s", request-timeout = 400ms, resend-after = 1s }
                broker { uri = "tcp://127.0.0.1:1", secret = "caller-3-secret-0001" }
                counter-caller { counter = c3, counter-number = "3", services = [A, B], greeting = true,
                                 screen.full-screen = false }
                counter-caller { %s }
                """.formatted(dataDir, moreConfig)).withFallback(ConfigFactory.defaultReference()).resolve();
        settings = CallerSettings.from(config.getConfig("counter-caller"));
        runtime = DeviceRuntime.start(DeviceSettings.from(config, DeviceRole.COUNTER_CALLER), Clock.systemUTC(),
                broker.client("caller-3"));
        node = CallerNode.start(settings, runtime, new CallerHardware(display, this.callButton, announcer,
                io.counterline.protocol.Health.OK, io.counterline.protocol.Health.OK, java.util.Optional.empty()),
                capture);
        // A test acts once the caller knows it is connected (its actions are refused until then).
        org.awaitility.Awaitility.await().until(() -> node.controller().view().connected());
    }

    public static TicketRef ticket(String number) {
        return new TicketRef(TicketIds.of("b001", "2026-03-02", number), number,
                number.substring(0, 1), T0.minusSeconds(300));
    }

    public static CounterState state(CounterStatus status, String number, Instant since) {
        return new CounterState(MessageCodec.VERSION, "c3", "3号窗口", "Counter 3", status,
                number == null ? null : ticket(number), status == CounterStatus.CLOSED ? null : TELLER,
                status == CounterStatus.PAUSED ? "午休" : null, since);
    }

    public static CounterState idle() {
        return state(CounterStatus.IDLE, null, T0);
    }

    public static CounterState calling(String number, Instant since) {
        return state(CounterStatus.CALLING, number, since);
    }

    public static CounterState closed() {
        return state(CounterStatus.CLOSED, null, T0);
    }

    /** {@code op} is answered with {@code state} and the teller's day, and {@code state} is published. */
    public void answer(Operation op, CounterState state) {
        server.on(op, r -> {
            publish(state);
            return server.ok(r, new CounterReply(state, DAY));
        });
    }

    /** The server's {@code teller.day} push to this caller, as after a rating for {@code teller}. */
    public void pushDay(String teller, TellerDay day) {
        server.command(new Command(MessageCodec.VERSION, UUID.randomUUID().toString(), "caller-3",
                CommandType.TELLER_DAY, T0, new MessageCodec().toBody(new Bodies.TellerDayUpdate(teller, day))));
    }

    /** {@code op} is refused with {@code code} and words in both languages. */
    public void refuse(Operation op, String code, String en, String zh) {
        server.on(op, r -> Response.failed(r.id(), new ErrorInfo(code, en, zh)));
    }

    /** The retained {@code state/counters/c3}, as the server publishes it. */
    public void publish(CounterState state) {
        server.publishState(runtime.topics().counter(state.counter()), state);
    }

    public void publishServices(ServicesState.Service... services) {
        server.publishState(runtime.topics().services(),
                new ServicesState(MessageCodec.VERSION, T0, "2026-03-02", List.of(services)));
    }

    public static ServicesState.Service service(String id, String nameZh, String nameEn, int waiting) {
        return new ServicesState.Service(id, id, nameZh, nameEn, true, "09:00-17:00", waiting, waiting * 120);
    }

    /** The requests of {@code op} the server got, in order. */
    public List<Request> requests(Operation op) {
        return server.requests().stream().filter(r -> r.op() == op).toList();
    }

    public List<String> spoken() {
        return announcer.announcements().stream().map(Announcement::text).toList();
    }

    @Override
    public void close() {
        node.close();
        button.close();
        runtime.close();
    }
}
