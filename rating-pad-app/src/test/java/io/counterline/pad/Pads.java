package io.counterline.pad;

import com.typesafe.config.ConfigFactory;
import io.counterline.device.DeviceRuntime;
import io.counterline.device.DeviceSettings;
import io.counterline.device.ScriptedServer;
import io.counterline.messaging.InMemoryBus;
import io.counterline.pad.keys.PadKeysSettings;
import io.counterline.pad.screen.ScreenSettings;
import io.counterline.protocol.Bodies.RatingArm;
import io.counterline.protocol.Bodies.RatingGiven;
import io.counterline.protocol.Command;
import io.counterline.protocol.CommandType;
import io.counterline.protocol.DeviceRole;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import io.counterline.protocol.TellerRef;
import io.counterline.protocol.TicketRef;
import io.counterline.protocol.Topics;
import io.counterline.outbox.OutboxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Test data and wiring for the pad: settings, arms, a runtime on the in-memory broker. */
public final class Pads {
    public static final String PAD = "pad-1";
    public static final String COUNTER = "c1";
    public static final String BRANCH = "b001";
    public static final Duration THANKS_FOR = Duration.ofMillis(300);
    public static final Topics TOPICS = Topics.of(BRANCH);
    private static final MessageCodec CODEC = new MessageCodec();

    private Pads() {
    }

    public static PadSettings settings() {
        return new PadSettings(COUNTER, THANKS_FOR,
                new PadKeysSettings(PadKeysSettings.Type.SIMULATED, Optional.empty(), Optional.empty(), THANKS_FOR),
                Optional.empty(), ScreenSettings.NONE);
    }

    public static DeviceSettings deviceSettings(Path dataDir, String brokerUri) {
        return DeviceSettings.from(ConfigFactory.parseString("""
                device { id = %s, branch = %s, data-dir = "%s", resend-after = 1s }
                broker { uri = "%s", secret = "%s-secret-0001", reconnect-initial = 200ms, reconnect-max = 1s }
                """.formatted(PAD, BRANCH, dataDir, brokerUri, PAD)), DeviceRole.RATING_PAD);
    }

    public static DeviceRuntime runtime(InMemoryBus broker, Path dataDir) throws OutboxException {
        return DeviceRuntime.start(deviceSettings(dataDir, "tcp://127.0.0.1:1"), Clock.systemUTC(), broker.client(PAD));
    }

    /** An arm for ticket A012 served by teller t01 (张敏, 0012) at {@code counter}. */
    public static RatingArm arm(String armId, String counter, Instant expiresAt) {
        return new RatingArm(armId, new TicketRef("b001-20261122-A012", "A012", "A", Instant.parse("2026-11-22T01:00:00Z")),
                new TellerRef("t01", "张敏", "0012"), counter, expiresAt);
    }

    public static RatingArm arm(String armId) {
        return arm(armId, COUNTER, Instant.now().plusSeconds(120));
    }

    public static Command command(RatingArm arm) {
        return new Command(MessageCodec.VERSION, "cmd-" + arm.armId(), PAD, CommandType.RATING_ARM, Instant.now(),
                CODEC.toBody(arm));
    }

    /** Publishes the arm as the server does: retained on the pad's command topic. */
    public static void publishArm(ScriptedServer server, RatingArm arm) {
        server.publishState(TOPICS.commands(PAD), command(arm));
    }

    public static List<RatingGiven> ratings(ScriptedServer server) {
        return server.events().stream().filter(e -> e.type() == EventType.RATING_GIVEN)
                .map(e -> server.body(e, RatingGiven.class)).toList();
    }

    public static List<EventEnvelope> pendingRatings(DeviceRuntime runtime) throws OutboxException {
        return runtime.outbox().pendingAfter(0, 100).stream().filter(e -> e.type() == EventType.RATING_GIVEN).toList();
    }
}
