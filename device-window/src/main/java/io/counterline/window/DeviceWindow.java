package io.counterline.window;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.scene.Cursor;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a device app puts its screen on the display: full screen in kiosk mode (no
 * "press ESC" hint, no key out, optionally no pointer and no closing), or a window of
 * width × height on a desktop. Starts the JavaFX toolkit itself ({@link Platform#startup}), so no
 * class extends {@code Application} (the Java launcher refuses such a main class when JavaFX is
 * on the class path).
 *
 * <p>Registered in the app's shutdown list, {@link #close()} stops the screen and closes the
 * window on the JavaFX thread, whoever calls it (a SIGTERM hook included).
 */
public final class DeviceWindow implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeviceWindow.class);
    /** How long close() waits for the JavaFX thread to stop the screen. */
    private static final long CLOSE_WAIT_SECONDS = 5;

    /**
     * How the window looks.
     *
     * @param fullScreen  kiosk mode; otherwise a window of {@code width} × {@code height}
     * @param hideCursor  in full screen, no pointer (a TV, a customer-facing panel)
     * @param lockClose   in full screen, the window cannot be closed from the desktop (the kiosk's
     *                    admin screen is the only way out)
     */
    public record Options(String title, boolean fullScreen, int width, int height, boolean hideCursor,
                          boolean lockClose) {

        /** Full screen or a window, pointer shown, closable: the teller's terminal. */
        public static Options of(String title, boolean fullScreen, int width, int height) {
            return new Options(title, fullScreen, width, height, false, false);
        }

        public Options hidingCursor() {
            return new Options(title, fullScreen, width, height, true, lockClose);
        }

        public Options lockingClose() {
            return new Options(title, fullScreen, width, height, hideCursor, true);
        }
    }

    /** A screen to show: its root node, and what starts and stops its timers and listeners. */
    public record Content(Parent root, Runnable start, Runnable stop) {
    }

    private final CountDownLatch hidden = new CountDownLatch(1);
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile Stage stage;
    private volatile Content content;

    private DeviceWindow() {
    }

    /**
     * Starts JavaFX if it is not running, builds {@code content} on its thread (given this window,
     * for a screen that may close it) and shows it as {@code options} say. Returns once the window
     * is showing.
     *
     * @throws IllegalStateException when the screen could not be built or shown
     */
    public static DeviceWindow open(Options options, Function<DeviceWindow, Content> content) throws InterruptedException {
        DeviceWindow window = new DeviceWindow();
        CountDownLatch shown = new CountDownLatch(1);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable show = () -> {
            try {
                window.content = content.apply(window);
                Stage stage = new Stage();
                window.stage = stage;
                stage.setOnHidden(e -> {
                    window.stopContent();
                    window.hidden.countDown();
                });
                show(stage, window.content.root(), options);
                window.content.start().run();
                log.info("window shown: {} ({})", options.title(),
                        options.fullScreen() ? "full screen" : options.width() + "x" + options.height());
            } catch (RuntimeException e) {
                failure.set(e);
                window.hidden.countDown();
            } finally {
                shown.countDown();
            }
        };
        try {
            Platform.startup(show);
        } catch (IllegalStateException alreadyRunning) {
            Platform.runLater(show);
        }
        shown.await();
        if (failure.get() != null) {
            throw new IllegalStateException("screen not shown: " + failure.get().getMessage(), failure.get());
        }
        return window;
    }

    /**
     * The one full-screen set-up, for a stage someone else made (the demo's windows, tests):
     * sets a scene of {@code root} on {@code stage} and shows it. Call on the JavaFX thread.
     */
    public static Scene show(Stage stage, Parent root, Options options) {
        Scene scene = new Scene(root, options.width(), options.height());
        stage.setTitle(options.title());
        stage.setScene(scene);
        if (options.fullScreen()) {
            stage.setFullScreenExitHint("");
            stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
            if (options.hideCursor()) {
                scene.setCursor(Cursor.NONE);
            }
            if (options.lockClose()) {
                stage.setOnCloseRequest(e -> e.consume());
            }
        }
        stage.show();
        if (options.fullScreen()) {
            // After show: a window system without a focused window yet (Monocle) cannot go full
            // screen; the kiosk's cage compositor shows every window full screen anyway.
            stage.setFullScreen(true);
        }
        return scene;
    }

    /** Blocks until the window is closed (by the user, the app, or {@link #close()}). */
    public void awaitClosed() throws InterruptedException {
        hidden.await();
    }

    /** Stops the screen and closes the window, on the JavaFX thread; then JavaFX exits. Idempotent. */
    @Override
    public void close() {
        if (Platform.isFxApplicationThread()) {
            closeOnFxThread();
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        try {
            Platform.runLater(() -> {
                try {
                    closeOnFxThread();
                } finally {
                    done.countDown();
                }
            });
            if (!done.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("window not closed within {} s; going on", CLOSE_WAIT_SECONDS);
            }
        } catch (IllegalStateException e) {
            stopContent(); // the toolkit is already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        hidden.countDown();
    }

    private void closeOnFxThread() {
        stopContent();
        if (stage != null && stage.isShowing()) {
            stage.hide();
        }
        hidden.countDown();
        Platform.exit();
    }

    private void stopContent() {
        if (content != null && stopped.compareAndSet(false, true)) {
            content.stop().run();
        }
    }
}
