package io.counterline.caller.screen;

import static io.counterline.caller.CallerRig.T0;
import static io.counterline.caller.CallerRig.calling;
import static io.counterline.caller.screen.TellerScreenTest.awaitFx;
import static io.counterline.caller.screen.TellerScreenTest.awaitText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.caller.CallerRig;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.Operation;
import io.counterline.protocol.Request;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * Dictating a work order's note on the teller screen (Monocle), with the counter recording on and
 * its real simulated intercom (espeak-ng, or a tone without it) in real time; no console URL, so
 * the voice note waits on disk like every segment.
 */
@ExtendWith(ApplicationExtension.class)
class OrderDictationTest {
    private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private CallerRig rig;
    private TellerScreen screen;

    @Start
    void start(Stage stage) throws Exception {
        rig = new CallerRig(dir, null, "recording { enabled = true, source = simulated }", null);
        screen = new TellerScreen(rig.node.controller(), rig.settings, CLOCK);
        stage.setScene(new Scene(screen.root(), 800, 480));
        stage.sizeToScene();
        screen.start();
        stage.show();
    }

    @Stop
    void stop() {
        screen.stop();
        rig.close();
    }

    @Test
    void dictateStopRegister_sendsTheVoiceNote_tellersChannelOnly_keptOnDiskForUpload(FxRobot robot) throws Exception {
        rig.publish(calling("A012", T0));
        await().until(() -> rig.node.controller().view().ticket() != null);
        rig.server.on(Operation.ORDER_CREATE, r -> rig.server.ok(r,
                new Bodies.OrderCreated(12, "complaint", T0.plus(Duration.ofDays(2)), "A012")));
        Path recordings = dir.resolve("recordings");

        robot.clickOn("#order");
        awaitFx(() -> robot.lookup("#orderDictate").query().isVisible());
        robot.clickOn("#category-complaint");
        robot.clickOn("#orderDictate");
        awaitText(robot, "#orderVoiceNote", "● 口述中 Dictating…");
        // Two segments being written (the transaction's and the note's), each with some audio.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<Path> parts = files(recordings, ".part");
            return parts.size() == 2 && parts.stream().allMatch(p -> p.toFile().length() > 44 + 3 * 6400);
        });
        robot.clickOn("#orderDictate");
        awaitText(robot, "#orderVoiceNote", "✓ 已口述 Voice note recorded");
        robot.clickOn("#orderSubmit");

        await().until(() -> rig.requests(Operation.ORDER_CREATE).size() == 1);
        Request r = rig.requests(Operation.ORDER_CREATE).get(0);
        Bodies.NewOrder sent = rig.server.args(r, Bodies.NewOrder.class);
        assertThat(sent.category()).isEqualTo("complaint");
        assertThat(sent.description()).as("nothing typed").isEmpty();
        assertThat(sent.voiceNote()).isNotNull();
        awaitFx(() -> !robot.lookup("#orderForm").query().isVisible());

        Properties seg = null;
        for (Path p : files(recordings, ".seg")) {
            Properties q = properties(p);
            if (sent.voiceNote().equals(q.getProperty("recordingId"))) {
                seg = q;
            }
        }
        assertThat(seg).as("the voice note's segment waits for upload").isNotNull();
        assertThat(seg.getProperty("index")).isEqualTo("0");
        assertThat(seg.getProperty("last")).isEqualTo("true");
        assertThat(seg.getProperty("ticketId")).isEqualTo(rig.node.controller().view().ticket().id());
        assertThat(seg.getProperty("tellerId")).isEqualTo("t01");
        byte[] wav = Files.readAllBytes(recordings.resolve(seg.getProperty("segmentId") + ".wav"));
        assertThat(wav.length).isEqualTo(Long.parseLong(seg.getProperty("bytes")));
        assertThat(wav.length).isGreaterThan(44 + 3 * 6400);
        ByteBuffer pcm = ByteBuffer.wrap(wav, 44, wav.length - 44).order(ByteOrder.LITTLE_ENDIAN);
        while (pcm.remaining() >= 4) {
            pcm.getShort(); // teller
            assertThat(pcm.getShort()).as("the customer's channel is not in a voice note").isZero();
        }
    }

    @Test
    void registerWhileDictating_stopsTheNoteFirst_andSendsItWithTheTypedText(FxRobot robot) {
        rig.publish(calling("A012", T0));
        await().until(() -> rig.node.controller().view().ticket() != null);
        rig.server.on(Operation.ORDER_CREATE, r -> rig.server.ok(r,
                new Bodies.OrderCreated(13, "consultation", T0.plus(Duration.ofDays(2)), "A012")));
        robot.clickOn("#order");
        awaitFx(() -> robot.lookup("#orderDictate").query().isVisible());
        robot.clickOn("#category-consultation");
        robot.clickOn("#orderNote").write("papers");
        robot.clickOn("#orderDictate");
        awaitText(robot, "#orderVoiceNote", "● 口述中 Dictating…");
        Path recordings = dir.resolve("recordings");
        await().atMost(Duration.ofSeconds(20)).until(() -> files(recordings, ".part").size() == 2
                && files(recordings, ".part").stream().allMatch(p -> p.toFile().length() > 44 + 3 * 6400));
        robot.clickOn("#orderSubmit");

        await().until(() -> rig.requests(Operation.ORDER_CREATE).size() == 1);
        Bodies.NewOrder sent = rig.server.args(rig.requests(Operation.ORDER_CREATE).get(0), Bodies.NewOrder.class);
        assertThat(sent.description()).isEqualTo("papers");
        assertThat(sent.voiceNote()).as("the note stopped and sent with the order").isNotNull();
    }

    @Test
    void stoppedBeforeAnyAudio_registersWithoutANote_andAnEmptyNoteIsRefusedLocally(FxRobot robot) {
        rig.publish(calling("A012", T0));
        await().until(() -> rig.node.controller().view().ticket() != null);
        robot.clickOn("#order");
        awaitFx(() -> robot.lookup("#orderDictate").query().isVisible());
        robot.clickOn("#category-praise");
        robot.clickOn("#orderSubmit");
        awaitFx(() -> robot.lookup("#orderError").query().isVisible());
        assertThat(rig.requests(Operation.ORDER_CREATE)).as("neither text nor voice: nothing sent").isEmpty();
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    private static Properties properties(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return p;
    }
}
