package io.counterline.hall.screen;

import static io.counterline.hall.States.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.counterline.hall.board.FakeDelay;
import io.counterline.hall.board.HallBoard;
import io.counterline.hall.board.SignageShow;
import io.counterline.hall.board.Slide;
import io.counterline.protocol.SignageSchedule;
import io.counterline.testing.TestVideos;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.media.MediaPlayer;
import javafx.scene.media.MediaView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Videos and the emergency notice on a headless (Monocle) hall screen, with a real H.264 MP4 made
 * by ffmpeg and played by JavaFX Media (which decodes H.264 with the system's libavcodec). Frames
 * may not be drawn under Monocle, so what is checked is what the media stack says: the player
 * reaches PLAYING, muted or at the item's volume, looping; a corrupt video is reported and the
 * rotation moves on at once.
 */
@ExtendWith(ApplicationExtension.class)
class HallVideoTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T01:30:05Z"), ZoneOffset.UTC);
    private static final Duration LONG = Duration.ofHours(1);

    @TempDir
    static Path content;

    private HallBoard board;
    private HallScreen screen;
    private Scene scene;

    @BeforeAll
    static void makeMedia() throws Exception {
        TestVideos.h264(content.resolve("clip.mp4"), 2);
        byte[] clip = Files.readAllBytes(content.resolve("clip.mp4"));
        // The MP4 boxes intact but the H.264 data garbage: opens, then fails to decode; and one
        // that is no MP4 at all.
        byte[] garbled = clip.clone();
        for (int i = garbled.length / 2; i < garbled.length; i++) {
            garbled[i] = (byte) (i * 7);
        }
        Files.write(content.resolve("garbled.mp4"), garbled);
        Files.writeString(content.resolve("corrupt.mp4"), "this is not a video at all");
        ImageIO.write(new BufferedImage(64, 36, BufferedImage.TYPE_INT_RGB), "png", content.resolve("still.png").toFile());
    }

    @Start
    void start(Stage stage) {
        board = new HallBoard(settings(content), new FakeDelay());
        screen = new HallScreen(board, settings(content), CLOCK);
        scene = new Scene(screen.root(), 1920, 1080);
        stage.setScene(scene);
        stage.sizeToScene();
        screen.start();
        stage.show();
    }

    @Stop
    void stop() {
        screen.stop();
    }

    @Test
    void video_h264Mp4_reachesPlaying_mutedAndLooping(FxRobot robot) throws Exception {
        show(new Slide("clip.mp4", true, LONG, 0));

        await().atMost(Duration.ofSeconds(20)).until(fx(() -> status() == MediaPlayer.Status.PLAYING));
        assertThat(fx(() -> screen.videoPlayer().isMute()).call()).isTrue();
        assertThat(fx(() -> screen.videoPlayer().getCycleCount()).call()).isEqualTo(MediaPlayer.INDEFINITE);
        assertThat(robot.lookup("#video").queryAs(MediaView.class).isVisible()).isTrue();
        assertThat(robot.lookup("#slide").queryAs(ImageView.class).isVisible()).isFalse();
    }

    @Test
    void video_withAVolume_playsAtIt() throws Exception {
        show(new Slide("clip.mp4", true, LONG, 40));

        await().atMost(Duration.ofSeconds(20)).until(fx(() -> status() == MediaPlayer.Status.PLAYING));
        assertThat(fx(() -> screen.videoPlayer().isMute()).call()).isFalse();
        assertThat(fx(() -> screen.videoPlayer().getVolume()).call()).isEqualTo(0.4);
    }

    @Test
    void video_itsTimeUp_theNextItemShows(FxRobot robot) throws Exception {
        show(new Slide("clip.mp4", true, Duration.ofSeconds(3), 0), Slide.image("still.png", LONG));

        await().atMost(Duration.ofSeconds(20)).until(fx(() -> status() == MediaPlayer.Status.PLAYING));
        await().atMost(Duration.ofSeconds(20)).until(fx(() -> stillShown(robot)));
        assertThat(fx(() -> screen.videoPlayer()).call()).as("the video's player is let go").isNull();
    }

    @Test
    void video_notAVideo_reportedAndTheRotationMovesOnAtOnce(FxRobot robot) {
        // The video would stay an hour: only its error can bring the image on.
        show(new Slide("corrupt.mp4", true, LONG, 0), Slide.image("still.png", LONG));

        await().atMost(Duration.ofSeconds(20)).until(fx(() -> stillShown(robot)));
    }

    @Test
    void video_garbledH264Data_playsAsTheDecoderCan_andTheRotationMovesOnAtItsTime(FxRobot robot) {
        // The decoder hides damaged frames and reports no error (measured: PLAYING for 10 s):
        // the item's time is what bounds it.
        show(new Slide("garbled.mp4", true, Duration.ofSeconds(2), 0), Slide.image("still.png", LONG));

        await().atMost(Duration.ofSeconds(20)).until(fx(() -> stillShown(robot)));
    }

    @Test
    void emergency_coversTheWholeScreen_overMediaAndQueue_andClearsAtOnce(FxRobot robot) throws Exception {
        show(new Slide("clip.mp4", true, LONG, 0));
        board.applySignage(new SignageShow(List.of(), List.of(), Optional.of(
                new SignageSchedule.Notice("大厅暂停服务", "The hall is closed", "2026-11-22T01:30:00Z"))));
        WaitForAsyncUtils.waitForFxEvents();

        Node overlay = robot.lookup("#emergency").query();
        assertThat(overlay.isVisible()).isTrue();
        assertThat(robot.lookup("#emergencyZh").queryAs(Label.class).getText()).isEqualTo("大厅暂停服务");
        assertThat(robot.lookup("#emergencyEn").queryAs(Label.class).getText()).isEqualTo("The hall is closed");
        Bounds b = overlay.localToScene(overlay.getLayoutBounds());
        assertThat(b.getMinX()).isZero();
        assertThat(b.getMinY()).isZero();
        assertThat(b.getWidth()).isEqualTo(scene.getWidth());
        assertThat(b.getHeight()).isEqualTo(scene.getHeight());
        // Drawn last in the root: above the queue view and the media box.
        assertThat(screen.root().getChildrenUnmodifiable()).last().isSameAs(overlay);
        assertThat(fx(() -> screen.videoPlayer()).call()).as("no video plays under the notice").isNull();

        board.applySignage(SignageShow.NONE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(overlay.isVisible()).isFalse();
    }

    private void show(Slide... slides) {
        board.applySignage(new SignageShow(List.of(), List.of(slides), Optional.empty()));
    }

    private MediaPlayer.Status status() {
        MediaPlayer p = screen.videoPlayer();
        return p == null ? null : p.getStatus();
    }

    private static boolean stillShown(FxRobot robot) {
        ImageView slide = robot.lookup("#slide").queryAs(ImageView.class);
        return slide.isVisible() && slide.getImage() != null && slide.getImage().getUrl().endsWith("/still.png")
                && !robot.lookup("#video").queryAs(MediaView.class).isVisible();
    }

    private static <T> Callable<T> fx(Callable<T> query) {
        return () -> WaitForAsyncUtils.asyncFx(query).get();
    }
}
