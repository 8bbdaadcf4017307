package io.counterline.hall.screen;

import java.util.List;
import javafx.geometry.VPos;
import javafx.animation.Interpolator;
import javafx.animation.TranslateTransition;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.util.Duration;

/** The scrolling text line: each signage line crosses the bar right to left, then the next one. */
final class Ticker {
    private static final double PIXELS_PER_SECOND = 160;

    private final Pane bar;
    private final Text text = new Text();
    private final TranslateTransition scroll = new TranslateTransition();
    private List<String> lines = List.of();
    private int next;

    Ticker(Pane bar) {
        this.bar = bar;
        text.setId("ticker");
        text.getStyleClass().add("ticker");
        text.setTextOrigin(VPos.CENTER);
        text.layoutYProperty().bind(bar.heightProperty().divide(2));
        bar.getChildren().add(text);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(bar.widthProperty());
        clip.heightProperty().bind(bar.heightProperty());
        bar.setClip(clip);
        scroll.setNode(text);
        scroll.setInterpolator(Interpolator.LINEAR);
        scroll.setOnFinished(e -> showNext());
    }

    /** Starts over with {@code newLines}; the same lines again (a redelivered state) change nothing. */
    void show(List<String> newLines) {
        if (newLines.equals(lines)) {
            return;
        }
        lines = newLines;
        next = 0;
        scroll.stop();
        showNext();
    }

    void stop() {
        scroll.stop();
    }

    private void showNext() {
        if (lines.isEmpty()) {
            text.setText("");
            return;
        }
        text.setText(lines.get(next));
        next = (next + 1) % lines.size();
        // The font comes from CSS; apply it now so the width measured is the width shown.
        text.applyCss();
        // The bar spans the fixed design width (the screen scales it), laid out or not yet.
        double width = HallScreen.DESIGN_WIDTH;
        double distance = width + text.getLayoutBounds().getWidth();
        scroll.setFromX(width);
        scroll.setToX(-text.getLayoutBounds().getWidth());
        scroll.setDuration(Duration.seconds(distance / PIXELS_PER_SECOND));
        scroll.playFromStart();
    }
}
