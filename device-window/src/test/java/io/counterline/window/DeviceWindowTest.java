package io.counterline.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * On Monocle's headless platform. One test: {@link DeviceWindow#close()} ends JavaFX, which a JVM
 * cannot start twice.
 */
class DeviceWindowTest {

    @Test
    void open_kioskMode_fullScreenNoHintNoKeyCloseLocked_closeStopsTheScreenOnce() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicReference<DeviceWindow> given = new AtomicReference<>();
        DeviceWindow.Options options = DeviceWindow.Options.of("Kiosk", true, 800, 480).hidingCursor().lockingClose();

        DeviceWindow window = DeviceWindow.open(options, w -> {
            given.set(w);
            Label root = new Label("取号");
            root.setId("root");
            return new DeviceWindow.Content(root, () -> events.add("start"), () -> events.add("stop"));
        });

        assertThat(given.get()).isSameAs(window);
        Stage stage = WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream()
                .map(Stage.class::cast).filter(s -> "Kiosk".equals(s.getTitle())).findFirst().orElseThrow()).get();
        WaitForAsyncUtils.asyncFx(() -> {
            assertThat(stage.isShowing()).isTrue();
            assertThat(stage.isFullScreen()).isTrue();
            assertThat(stage.getFullScreenExitHint()).isEmpty();
            assertThat(stage.getFullScreenExitKeyCombination()).isEqualTo(KeyCombination.NO_MATCH);
            assertThat(stage.getScene().getCursor()).isEqualTo(javafx.scene.Cursor.NONE);
            assertThat(stage.getOnCloseRequest()).isNotNull();
        }).get();
        assertThat(events).containsExactly("start");

        window.close();
        window.close();
        window.awaitClosed();

        assertThat(events).containsExactly("start", "stop");
    }
}
