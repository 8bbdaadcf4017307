package io.counterline.demo.signage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.ConfigFactory;
import io.counterline.audio.SimulatedAnnouncer;
import io.counterline.console.signage.MediaLibrary;
import io.counterline.console.signage.ProofOfPlay;
import io.counterline.console.signage.SignageDesk;
import io.counterline.device.DeviceRuntime;
import io.counterline.hall.HallNode;
import io.counterline.hall.HallSettings;
import io.counterline.hall.board.BoardSnapshot;
import io.counterline.hall.board.Slide;
import io.counterline.hall.signage.MediaCache;
import io.counterline.protocol.DeviceRole;
import io.counterline.server.BranchServer;
import io.counterline.server.testing.TestBranch;
import io.counterline.server.testing.TestDevices;
import io.counterline.testing.CuttingProxy;
import io.counterline.testing.FreePort;
import io.counterline.testing.TestVideos;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hall media end to end: a real branch server (engine, store, embedded broker, console) and a real
 * hall display node (device runtime over MQTT, board, signage player with its disk cache). An
 * approved schedule (an image, an H.264 video with its own time and volume, a notice) plays within
 * seconds, proof of play reaches the server's store, the emergency notice overrides and clears; with the server stopped the hall keeps playing, and a hall display
 * restarted while the server is still down plays the last approved schedule from its cache.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HallMediaIT {
    private static final Duration SECONDS = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private BranchServer server;
    private DeviceRuntime runtime;
    private HallNode node;
    private String brokerUri;

    @AfterEach
    void stop() {
        closeHall();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void approvedScheduleplays_survivesServerOutage_andARestartWithTheServerDown() throws Exception {
        TestBranch branch = new TestBranch(dir).withQueue().extra("console { listen = \"127.0.0.1:0\", heartbeat = 1s }");
        server = BranchServer.start(branch.config(), Clock.systemUTC());
        brokerUri = branch.brokerUri();
        SignageDesk desk = server.console().orElseThrow().console().signage();
        byte[] png = png(Color.ORANGE);
        String sha = desk.library().add(new ByteArrayInputStream(png), "image/png", "promo.png", "editor", "test");
        String clip = desk.library().add(Files.newInputStream(TestVideos.h264(dir.resolve("clip.mp4"), 1)),
                MediaLibrary.MP4, "clip.mp4", "editor", "test");
        List<String> both = List.of(MediaCache.name(sha), MediaCache.name(clip));
        long notice = desk.addNotice("editor", "test", "今日理财讲座 14:00", "Savings talk at 14:00");
        desk.savePlaylist("editor", "test", new SignageDesk.Draft("default", 0, List.of(), List.of(), null, null, null,
                null, 5, List.of("image:" + sha, "video:" + clip + ":20:30", "notice:" + notice)));
        long revision = desk.submit("editor", "test");

        // Nothing reaches the hall before approval.
        Path content = dir.resolve("content");
        startHall(content);
        await().atMost(SECONDS).until(() -> runtime.isConnected());
        assertThat(node.board().snapshot().images()).isEmpty();

        // The media is served to anyone who knows its checksum, with Range.
        String base = server.console().orElseThrow().console().url();
        HttpResponse<byte[]> part = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "media/" + sha))
                .header("Range", "bytes=0-9").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).hasSize(10);

        long approvedAt = System.nanoTime();
        desk.decide("approver", "test", revision, true);
        await().atMost(SECONDS).until(() -> node.board().snapshot().images().equals(both));
        // A figure for the report, not an assertion (timings belong to the bench).
        System.out.printf("hall media: approved -> on the hall board in %d ms%n", (System.nanoTime() - approvedAt) / 1_000_000);
        BoardSnapshot playing = node.board().snapshot();
        assertThat(playing.lines()).containsExactly("今日理财讲座 14:00    Savings talk at 14:00");
        assertThat(playing.slides()).containsExactly(Slide.image(MediaCache.name(sha), Duration.ofSeconds(5)),
                new Slide(MediaCache.name(clip), true, Duration.ofSeconds(20), 30));
        assertThat(Files.readAllBytes(content.resolve(MediaCache.name(sha)))).isEqualTo(png);

        // Proof of play arrives through the outbox and is stored by the server.
        try (ProofOfPlay plays = ProofOfPlay.open(dir.resolve("server").resolve("branch.db"))) {
            await().atMost(SECONDS).until(() -> plays.newest(List.of("hall-1"), 10).stream()
                    .anyMatch(p -> p.body().contains(sha) && p.body().contains("\"playlist\":\"default\"")));
        }

        // The emergency notice overrides everything at once, and clears.
        desk.setEmergency("approver", "test", "大厅临时关闭", "The hall is closed");
        await().atMost(SECONDS).until(() -> node.board().snapshot().emergency().map(n -> n.zh() + " " + n.en())
                .equals(Optional.of("大厅临时关闭 The hall is closed")) && node.board().snapshot().images().isEmpty());
        desk.clearEmergency("approver", "test");
        await().atMost(SECONDS).until(() -> node.board().snapshot().images().equals(both));

        // Server gone: the hall keeps playing.
        server.close();
        server = null;
        await().atMost(SECONDS).until(() -> !node.board().snapshot().connected());
        assertThat(node.board().snapshot().images()).isEqualTo(both);
        assertThat(node.board().snapshot().lines()).hasSize(1);

        // The hall display restarts while the server is still down: it plays from its cache.
        closeHall();
        startHall(content);
        await().atMost(SECONDS).until(() -> node.board().snapshot().images().equals(both));
        assertThat(node.board().snapshot().lines()).containsExactly("今日理财讲座 14:00    Savings talk at 14:00");
        assertThat(node.board().snapshot().connected()).isFalse();
    }

    @Test
    void aDownloadCutHalfway_fromTheRealServer_isRetried_andNeverShownHalf() throws Exception {
        // The halls are told to fetch through a relay (console.media-url) that cuts the first answer mid-body.
        int consolePort = FreePort.find();
        byte[] video = Files.readAllBytes(TestVideos.h264(dir.resolve("clip.mp4"), 2));
        assertThat(video.length).as("a video larger than the cut").isGreaterThan(3_000);
        try (CuttingProxy relay = new CuttingProxy(consolePort)) {
            relay.cutAnswersAfter(2_500, 1);
            TestBranch branch = new TestBranch(dir).withQueue().extra("console { listen = \"127.0.0.1:" + consolePort
                    + "\", heartbeat = 1s, media-url = \"http://127.0.0.1:" + relay.port() + "/media/\" }");
            server = BranchServer.start(branch.config(), Clock.systemUTC());
            brokerUri = branch.brokerUri();
            SignageDesk desk = server.console().orElseThrow().console().signage();
            String sha = desk.library().add(new ByteArrayInputStream(video), MediaLibrary.MP4, "clip.mp4", "editor",
                    "test");
            desk.savePlaylist("editor", "test", new SignageDesk.Draft("default", 0, List.of(), List.of(), null, null,
                    null, null, 5, List.of("video:" + sha)));
            desk.decide("approver", "test", desk.submit("editor", "test"), true);

            Path content = dir.resolve("content");
            List<String> halfShown = new java.util.concurrent.CopyOnWriteArrayList<>();
            startHall(content);
            node.board().subscribe(snapshot -> snapshot.images().forEach(name -> {
                try {
                    if (!java.util.Arrays.equals(Files.readAllBytes(content.resolve(name)), video)) {
                        halfShown.add(name);
                    }
                } catch (java.io.IOException e) {
                    halfShown.add(name + " missing");
                }
            }));

            await().atMost(SECONDS).until(() -> node.board().snapshot().images().equals(List.of(MediaCache.name(sha))));
            assertThat(relay.cuts()).as("the first download was cut").isEqualTo(1);
            assertThat(relay.connections()).as("and fetched again").isGreaterThanOrEqualTo(2);
            assertThat(halfShown).isEmpty();
            assertThat(Files.readAllBytes(content.resolve(MediaCache.name(sha)))).isEqualTo(video);
            try (var left = Files.list(content.resolve(MediaCache.FOLDER))) {
                assertThat(left).noneMatch(p -> p.toString().endsWith(".part"));
            }
        }
    }

    private void startHall(Path content) throws Exception {
        runtime = TestDevices.start("hall-1", DeviceRole.HALL_DISPLAY, brokerUri, dir);
        HallSettings settings = HallSettings.from(ConfigFactory.parseString("content-folder = \"" + content + "\"")
                .withFallback(ConfigFactory.defaultReference().getConfig("counterline.hall")));
        node = HallNode.start(settings, runtime, new SimulatedAnnouncer(), Duration.ofMillis(500));
    }

    private void closeHall() {
        if (node != null) {
            node.close();
            node = null;
        }
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }

    private static byte[] png(Color color) throws Exception {
        BufferedImage image = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 64, 32);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
