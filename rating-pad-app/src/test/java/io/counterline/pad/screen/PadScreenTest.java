package io.counterline.pad.screen;

import static io.counterline.pad.Pads.arm;
import static io.counterline.pad.Pads.ratings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.device.DeviceRuntime;
import io.counterline.device.ScriptedServer;
import io.counterline.messaging.InMemoryBus;
import io.counterline.pad.PadNode;
import io.counterline.pad.Pads;
import io.counterline.pad.rating.PadState;
import com.sun.net.httpserver.HttpServer;
import io.counterline.protocol.Bodies.RatingArm;
import io.counterline.protocol.Bodies.TellerPhoto;
import io.counterline.protocol.Health;
import io.counterline.protocol.RatingLevel;
import io.counterline.protocol.TellerRef;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** The pad screen on a headless (Monocle) stage, fed by a real controller on simulated keys. */
@ExtendWith(ApplicationExtension.class)
class PadScreenTest {
    @TempDir
    Path dir;

    private InMemoryBus broker;
    private ScriptedServer server;
    private DeviceRuntime runtime;
    private PadNode pad;
    private PadScreen screen;
    private Scene scene;
    private final AtomicReference<String[]> shot = new AtomicReference<>();

    @Start
    void start(Stage stage) throws Exception {
        broker = new InMemoryBus();
        server = new ScriptedServer(broker, Pads.BRANCH);
        Path photos = Files.createDirectories(dir.resolve("photos"));
        BufferedImage picture = new BufferedImage(120, 160, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = picture.createGraphics();
        g.setColor(new Color(0x3f6fa0));
        g.fillRect(0, 0, 120, 160);
        g.dispose();
        ImageIO.write(picture, "png", photos.resolve("t01.png").toFile());

        runtime = Pads.runtime(broker, dir.resolve("data"));
        pad = PadNode.open(Pads.settings(), runtime);
        screen = new PadScreen(pad.controller(), runtime.health(), Optional.of(photos), dir.resolve("photo-cache"));
        scene = new Scene(screen.root(), 800, 480);
        stage.setScene(scene);
        stage.sizeToScene();
        screen.start();
        stage.show();
    }

    @Stop
    void stop() {
        screen.stop();
        pad.close();
        runtime.close();
    }

    @Test
    void render_idle_welcomeOnly(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(visible(robot, "#idle")).isTrue();
        assertThat(visible(robot, "#armed")).isFalse();
        assertThat(visible(robot, "#thanks")).isFalse();
        assertThat(visible(robot, "#health")).isFalse();
    }

    @Test
    void render_armed_tellerNameNumberPhotoPromptAndFourLevels(FxRobot robot) {
        pad.controller().arm(arm("arm-1"));
        await().until(fx(() -> visible(robot, "#armed")));

        assertThat(text(robot, "#tellerName")).isEqualTo("张敏");
        assertThat(text(robot, "#employeeNo")).isEqualTo("工号 0012");
        assertThat(text(robot, "#prompt")).isEqualTo("请您对我的服务进行评价");
        assertThat(robot.lookup("#photo").queryAs(ImageView.class).getImage()).isNotNull();
        assertThat(visible(robot, "#photoPlaceholder")).isFalse();
        assertThat(visible(robot, "#idle")).isFalse();
        for (RatingLevel level : RatingLevel.values()) {
            assertThat(robot.lookup("#rate-" + level.wire()).queryButton().getText()).isEqualTo(level.label());
        }
    }

    @Test
    void render_tellerWithoutPhoto_placeholderShown(FxRobot robot) {
        RatingArm other = new RatingArm("arm-2", arm("x").ticket(), new TellerRef("t02", "李强", "0021"), Pads.COUNTER,
                Instant.now().plusSeconds(60));
        pad.controller().arm(other);
        await().until(fx(() -> visible(robot, "#armed")));

        assertThat(text(robot, "#tellerName")).isEqualTo("李强");
        assertThat(visible(robot, "#photoPlaceholder")).isTrue();
        assertThat(visible(robot, "#photo")).isFalse();
    }

    @Test
    void press_onScreenButton_thankYouThenIdle(FxRobot robot) throws Exception {
        pad.controller().arm(arm("arm-1"));
        await().until(fx(() -> visible(robot, "#armed")));

        robot.clickOn("#rate-satisfied");

        await().until(() -> ratings(server).size() == 1);
        assertThat(ratings(server).get(0).level()).isEqualTo(RatingLevel.SATISFIED);
        // The thank-you lasts Pads.THANKS_FOR; it may be over by now, so look at what was shown.
        await().until(() -> pad.state().phase() == PadState.Phase.IDLE);
        await().until(fx(() -> visible(robot, "#idle")));
    }

    @Test
    void render_thanks_thankYouAndTheChosenLevel(FxRobot robot) throws Exception {
        pad.controller().onChange(s -> {
            if (s.phase() == PadState.Phase.THANKS) {
                WaitForAsyncUtils.asyncFx(() -> shot.set(
                        new String[] {text(robot, "#thanksText"), text(robot, "#given"),
                                String.valueOf(visible(robot, "#thanks"))}));
            }
        });
        pad.controller().arm(arm("arm-1"));
        await().until(fx(() -> visible(robot, "#armed")));

        pad.press(RatingLevel.VERY_SATISFIED);

        await().until(() -> shot.get() != null);
        assertThat(shot.get()).containsExactly("谢谢，请慢走", "您的评价：非常满意", "true");
    }

    @Test
    void render_healthNotOk_lineShown(FxRobot robot) {
        runtime.health().report("keys", Health.degraded("key 满意 stuck"));
        await().until(fx(() -> visible(robot, "#health")));

        assertThat(text(robot, "#health")).contains("key 满意 stuck");
    }

    @Test
    void snapshot_armed_writtenAsPngForALookByEye(FxRobot robot) throws Exception {
        pad.controller().arm(arm("arm-1"));
        await().until(fx(() -> visible(robot, "#armed")));
        WaitForAsyncUtils.waitForFxEvents();

        WritableImage shotImage = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();

        BufferedImage out = new BufferedImage((int) shotImage.getWidth(), (int) shotImage.getHeight(),
                BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, shotImage.getPixelReader().getArgb(x, y));
            }
        }
        Path png = Path.of("target", "pad-armed.png");
        ImageIO.write(out, "png", png.toFile());
        assertThat(out.getWidth()).isEqualTo(800);
        assertThat(Files.size(png)).isGreaterThan(5_000);
    }

    @Test
    void armNamingAConsolePhoto_fetchedOnceByChecksum_cached_aWrongOneNotShown(FxRobot robot) throws Exception {
        byte[] good = png(0x2e8b57);
        byte[] other = png(0xa0522d);
        String goodSha = sha256(good);
        String wrongSha = sha256(other).replace('a', 'b').replace('0', '1'); // the console names X, serves Y
        Map<String, byte[]> served = new ConcurrentHashMap<>(Map.of(goodSha, good, wrongSha, other));
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer console = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        console.createContext("/teller-photos/", exchange -> {
            String sha = exchange.getRequestURI().getPath().substring("/teller-photos/".length());
            asked.add(sha);
            byte[] body = served.get(sha);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.getResponseHeaders().add("Content-Type", "image/png");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        console.start();
        try {
            String base = "http://127.0.0.1:" + console.getAddress().getPort() + "/teller-photos/";
            // A teller with no photo in the pad's folder: the console's is fetched and shown.
            pad.controller().arm(armWithPhoto("arm-p1", "t05", new TellerPhoto(goodSha, base + goodSha)));
            await().until(fx(() -> visible(robot, "#armed") && visible(robot, "#photo")));
            assertThat(robot.lookup("#photo").queryAs(ImageView.class).getImage()).isNotNull();
            assertThat(visible(robot, "#photoPlaceholder")).isFalse();
            assertThat(dir.resolve("photo-cache/" + goodSha)).hasBinaryContent(good);

            // A photo whose bytes are not what the arm names: not shown, not cached. (Fetches run in
            // order, so once the next photo shows, this one's fetch is over.)
            pad.controller().arm(armWithPhoto("arm-p2", "t06", new TellerPhoto(wrongSha, base + wrongSha)));
            await().until(() -> asked.contains(wrongSha));
            served.put("c".repeat(64), good); // the sentinel: same picture, another name
            pad.controller().arm(armWithPhoto("arm-p3", "t07", new TellerPhoto("c".repeat(64), base + "c".repeat(64))));
            await().until(() -> asked.contains("c".repeat(64)));
            assertThat(dir.resolve("photo-cache/" + wrongSha)).doesNotExist();
            assertThat(dir.resolve("photo-cache/" + "c".repeat(64))).doesNotExist();

            // The first teller again, with the console gone: shown from the cache, not asked again.
            console.stop(0);
            pad.controller().arm(armWithPhoto("arm-p4", "t05", new TellerPhoto(goodSha, base + goodSha)));
            await().until(fx(() -> "t05".equals(shownTeller(robot)) && visible(robot, "#photo")));
            assertThat(asked).containsOnlyOnce(goodSha);
        } finally {
            console.stop(0);
        }
    }

    private static String shownTeller(FxRobot robot) {
        return text(robot, "#employeeNo").equals("工号 E-t05") ? "t05" : "";
    }

    private static RatingArm armWithPhoto(String armId, String teller, TellerPhoto photo) {
        return new RatingArm(armId, arm("x").ticket(), new TellerRef(teller, "员工 " + teller, "E-" + teller), Pads.COUNTER,
                Instant.now().plusSeconds(60), 60_000L, photo);
    }

    private static byte[] png(int rgb) throws Exception {
        BufferedImage picture = new BufferedImage(90, 120, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = picture.createGraphics();
        g.setColor(new Color(rgb));
        g.fillRect(0, 0, 90, 120);
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ImageIO.write(picture, "png", out);
        return out.toByteArray();
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static boolean visible(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        return n.isVisible() && (n.getParent() == null || n.getParent().isVisible());
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static Callable<Boolean> fx(Callable<Boolean> check) {
        return () -> WaitForAsyncUtils.asyncFx(check).get();
    }
}
