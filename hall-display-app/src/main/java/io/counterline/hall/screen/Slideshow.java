package io.counterline.hall.screen;

import io.counterline.hall.board.Slide;
import io.counterline.hall.signage.ContentFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.animation.PauseTransition;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.media.Media;
import javafx.scene.media.MediaPlayer;
import javafx.scene.media.MediaView;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media rotation: the images and videos found in the content folder, each for its own time.
 * A video (H.264 MP4, JavaFX Media) loops, muted or at its volume, until its time is up. Whatever
 * cannot be shown is logged and skipped: an image that cannot be decoded at its turn, a video the
 * media stack refuses at once or reports an error for while playing (the rotation moves on at
 * that moment, not at the end of the video's time). With nothing usable the box is empty. Runs
 * on the JavaFX thread only.
 */
final class Slideshow {
    private static final Logger log = LoggerFactory.getLogger(Slideshow.class);

    private final ImageView imageView;
    private final MediaView videoView;
    private final ContentFolder folder;
    private final PauseTransition timer = new PauseTransition();
    private List<Slide> slides = List.of();
    private List<Loaded> loaded = List.of();
    /** Videos that failed since the last {@link #show}: skipped until the list changes. */
    private final Set<Path> failed = new HashSet<>();
    private MediaPlayer player;
    private int next;

    private record Loaded(Slide slide, Path file, Image image) {
    }

    Slideshow(ImageView imageView, MediaView videoView, ContentFolder folder) {
        this.imageView = imageView;
        this.videoView = videoView;
        this.folder = folder;
        timer.setOnFinished(e -> showNext());
        videoView.setVisible(false);
    }

    /** Starts over with these slides; the same list again changes nothing. */
    void show(List<Slide> newSlides) {
        if (newSlides.equals(slides)) {
            return;
        }
        slides = newSlides;
        failed.clear();
        List<Loaded> found = new ArrayList<>();
        for (Slide slide : newSlides) {
            folder.file(slide.name()).ifPresent(file -> found.add(new Loaded(slide, file, slide.video() ? null
                    : image(file))));
        }
        loaded = List.copyOf(found);
        next = 0;
        showNext();
    }

    void stop() {
        timer.stop();
        stopVideo();
    }

    /** The video now playing, if any (for tests and the log). */
    MediaPlayer player() {
        return player;
    }

    private Image image(Path file) {
        // Loaded in the background at the box size: a large photo neither stalls the JavaFX thread
        // nor holds full-resolution pixels on a Pi.
        Image image = new Image(file.toUri().toString(), imageView.getFitWidth(), imageView.getFitHeight(), true, true,
                true);
        image.errorProperty().addListener((obs, was, bad) -> {
            if (bad) {
                log.warn("Signage image {} cannot be shown ({}); skipped", file, image.getException().getMessage());
            }
        });
        return image;
    }

    private void showNext() {
        timer.stop();
        stopVideo();
        for (int tried = 0; tried < loaded.size(); tried++) {
            Loaded l = loaded.get(next);
            next = (next + 1) % loaded.size();
            if (l.slide().video() ? !failed.contains(l.file()) && play(l) : !l.image().isError()) {
                if (!l.slide().video()) {
                    videoView.setVisible(false);
                    imageView.setVisible(true);
                    imageView.setImage(l.image());
                }
                if (loaded.size() > 1) { // one alone stays (a video loops) until the list changes
                    timer.setDuration(Duration.millis(l.slide().duration().toMillis()));
                    timer.playFromStart();
                }
                return;
            }
        }
        imageView.setImage(null);
        videoView.setVisible(false);
    }

    /** Starts the video; false (logged) when the media stack refuses it at once. */
    private boolean play(Loaded l) {
        MediaPlayer p;
        try {
            p = new MediaPlayer(new Media(l.file().toUri().toString()));
        } catch (RuntimeException | LinkageError e) { // MediaException; a Pi without the media libraries
            log.warn("Signage video {} cannot be played ({}); skipped", l.file(), e.toString());
            failed.add(l.file());
            return false;
        }
        p.setCycleCount(MediaPlayer.INDEFINITE);
        p.setMute(l.slide().volume() == 0);
        p.setVolume(l.slide().volume() / 100.0);
        p.setOnError(() -> {
            log.warn("Signage video {} failed while playing ({}); skipped", l.file(), p.getError() == null ? "?"
                    : p.getError().getType() + ": " + p.getError().getMessage());
            failed.add(l.file());
            if (player == p) {
                showNext();
            }
        });
        player = p;
        imageView.setVisible(false);
        imageView.setImage(null);
        videoView.setMediaPlayer(p);
        videoView.setVisible(true);
        p.play();
        return true;
    }

    private void stopVideo() {
        MediaPlayer p = player;
        player = null;
        if (p != null) {
            p.setOnError(null);
            p.dispose(); // frees the decoder: a Pi has memory for few at once
            videoView.setMediaPlayer(null);
        }
    }
}
