package io.counterline.demo;

import io.counterline.caller.screen.CallerWindow;
import io.counterline.caller.screen.TellerScreen;
import io.counterline.device.DeviceRuntime;
import io.counterline.hall.screen.HallScreen;
import io.counterline.kiosk.admin.PinCheck;
import io.counterline.kiosk.screen.DeviceInfo;
import io.counterline.kiosk.screen.KioskScreen;
import io.counterline.pad.screen.PadScreen;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * Every device's own screen in its own window, as the devices show them, plus the simulated
 * hardware a screen does not show: the last printed slip as an image. The LED display text is on
 * each teller screen's preview line, the rating keys are the pad screen's buttons, and voice goes
 * to the log. Runs on the JavaFX thread.
 */
final class DemoWindows {
    private final DemoBranch branch;
    private final List<Runnable> stops = new ArrayList<>();
    private final List<Stage> stages = new ArrayList<>();
    private final CountDownLatch allClosed = new CountDownLatch(1);

    private DemoWindows(DemoBranch branch) {
        this.branch = branch;
    }

    /** Opens the windows; returns a latch that opens when the last one is closed. */
    static CountDownLatch show(DemoBranch branch) {
        DemoWindows w = new DemoWindows(branch);
        Platform.setImplicitExit(false);
        Platform.startup(w::open);
        return w.allClosed;
    }

    private void open() {
        KioskScreen kiosk = new KioskScreen(branch.kiosk().controller(),
                new PinCheck(branch.kioskSettings().adminPin(), Clock.systemUTC()),
                new DeviceInfo("kiosk-1", DeviceRuntime.VERSION, "embedded broker"), () -> { });
        window("取号机 Kiosk", kiosk.root(), 1000, 700, 0, 0);
        kiosk.start();
        stops.add(kiosk::stop);

        for (int i = 0; i < branch.counters().size(); i++) {
            DemoBranch.Counter c = branch.counters().get(i);
            Stage stage = new Stage();
            TellerScreen teller = CallerWindow.show(stage, c.caller().controller(), c.settings());
            stage.setTitle(c.id() + " 柜员 Teller");
            place(stage, 1000, i * 500.0);
            stops.add(teller::stop);
            PadScreen pad = new PadScreen(c.pad().controller(), c.pad().runtime().health(), Optional.empty());
            window(c.id() + " 评价器 Rating pad", pad.root(), 640, 400, 1800, i * 420.0);
            pad.start();
            stops.add(pad::stop);
        }

        HallScreen hall = new HallScreen(branch.hall().board(), branch.hallConfig().hall(), Clock.systemUTC());
        window("大厅屏 Hall display", hall.root(), 960, 540, 0, 720);
        hall.start();
        stops.add(hall::stop);

        ImageView slip = new ImageView();
        slip.setPreserveRatio(true);
        slip.setFitWidth(300);
        BorderPane slipPane = new BorderPane(slip);
        slipPane.setTop(new Label("最新号票 Last slip (simulated printer)"));
        window("打印机 Printer", slipPane, 320, 640, 960, 720);
        AtomicReference<Path> shown = new AtomicReference<>();
        branch.kiosk().controller().onChange(state -> branch.printer().lastImage()
                .filter(p -> !p.equals(shown.getAndSet(p)))
                .ifPresent(p -> Platform.runLater(() -> slip.setImage(new Image(p.toUri().toString())))));
    }

    private void window(String title, Parent root, double width, double height, double x, double y) {
        Stage stage = new Stage();
        stage.setTitle(title);
        stage.setScene(new Scene(root, width, height));
        place(stage, x, y);
    }

    private void place(Stage stage, double x, double y) {
        stage.setX(x);
        stage.setY(y);
        stage.setOnHidden(e -> {
            stages.remove(stage);
            if (stages.isEmpty()) {
                stops.forEach(Runnable::run);
                allClosed.countDown();
            }
        });
        stages.add(stage);
        stage.show();
    }
}
