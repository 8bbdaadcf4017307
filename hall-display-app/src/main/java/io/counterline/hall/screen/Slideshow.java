package io.counterline.hall.screen;

import io.counterline.hall.signage.ContentFolder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image slideshow: the signage images found in the content folder, each for the slide time.
 * An image that cannot be decoded is logged once and skipped; with no usable image the view is
 * empty. Runs on the JavaFX thread only.
 */
final class Slideshow {
    private static final Logger log = LoggerFactory.getLogger(Slideshow.class);

    private final ImageView view;
    private final ContentFolder folder;
    private final Timeline timer = new Timeline();
    private List<String> names = List.of();
    private Duration slide = Duration.ZERO;
    private List<Image> images = List.of();
    private int next;

    Slideshow(ImageView view, ContentFolder folder) {
        this.view = view;
        this.folder = folder;
        timer.setCycleCount(Timeline.INDEFINITE);
    }

    /** Starts over with these images; the same list and time again change nothing. */
    void show(List<String> newNames, Duration newSlide) {
        if (newNames.equals(names) && newSlide.equals(slide)) {
            return;
        }
        names = newNames;
        slide = newSlide;
        List<Image> loaded = new ArrayList<>();
        for (Path file : folder.images(newNames)) {
            // Loaded in the background at the box size: a large photo neither stalls the
            // JavaFX thread nor holds full-resolution pixels on a Pi.
            Image image = new Image(file.toUri().toString(), view.getFitWidth(), view.getFitHeight(), true, true,
                    true);
            image.errorProperty().addListener((obs, was, failed) -> {
                if (failed) {
                    log.warn("Signage image {} cannot be shown ({}); skipped", file, image.getException().getMessage());
                }
            });
            loaded.add(image);
        }
        images = List.copyOf(loaded);
        next = 0;
        timer.stop();
        timer.getKeyFrames().setAll(new KeyFrame(javafx.util.Duration.millis(newSlide.toMillis()), e -> showNext()));
        showNext();
        if (images.size() > 1) {
            timer.play();
        }
    }

    void stop() {
        timer.stop();
    }

    private void showNext() {
        for (int tried = 0; tried < images.size(); tried++) {
            Image image = images.get(next);
            next = (next + 1) % images.size();
            if (!image.isError()) {
                view.setImage(image);
                return;
            }
        }
        view.setImage(null);
    }
}
