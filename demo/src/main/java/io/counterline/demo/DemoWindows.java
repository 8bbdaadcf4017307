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
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.transform.Scale;
import javafx.stage.Stage;

/**
 * Every device's own screen in its own window, as the devices show them, plus the simulated
 * hardware a screen does not show: the last printed slip as an image. The LED display text is on
 * each teller screen's preview line, the rating keys are the pad screen's buttons, and voice goes
 * to the log. Laid out for a 1920×1080 screen by {@link DemoLayout}. Runs on the JavaFX thread.
 */
final class DemoWindows {
    /** The rating pad's screen is designed for its 800×480 panel. */
    private static final double PAD_DESIGN_WIDTH = 800;
    private static final double PAD_DESIGN_HEIGHT = 480;
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
        DemoLayout layout = DemoLayout.forCounters(branch.counters().size());
        KioskScreen kiosk = new KioskScreen(branch.kiosk().controller(),
                new PinCheck(branch.kioskSettings().adminPin(), Clock.systemUTC()),
                new DeviceInfo("kiosk-1", DeviceRuntime.VERSION, "embedded broker"), () -> { });
        window("取号机 Kiosk", kiosk.root(), layout.window("kiosk"));
        kiosk.start();
        stops.add(kiosk::stop);

        for (int i = 0; i < branch.counters().size(); i++) {
            DemoBranch.Counter c = branch.counters().get(i);
            Stage stage = new Stage();
            TellerScreen teller = CallerWindow.show(stage, c.caller().controller(), c.settings());
            stage.setTitle(c.id() + " 柜员 Teller");
            place(stage, layout.window("teller-" + (i + 1)));
            stops.add(teller::stop);
            PadScreen pad = new PadScreen(c.pad().controller(), c.pad().runtime().health(), Optional.empty(),
                    c.pad().runtime().settings().dataDir().resolve("teller-photos"));
            window(c.id() + " 评价器 Rating pad", scaled(pad.root(), PAD_DESIGN_WIDTH, PAD_DESIGN_HEIGHT),
                    layout.window("pad-" + (i + 1)));
            pad.start();
            stops.add(pad::stop);
        }

        HallScreen hall = new HallScreen(branch.hall().board(), branch.hallConfig().hall(), Clock.systemUTC());
        window("大厅屏 Hall display", hall.root(), layout.window("hall"));
        hall.start();
        stops.add(hall::stop);

        DemoLayout.Placement printer = layout.window("printer");
        ImageView slip = new ImageView();
        slip.setPreserveRatio(true);
        slip.setFitWidth(printer.width() - 20);
        slip.setFitHeight(printer.height() - 40);
        BorderPane slipPane = new BorderPane(slip);
        slipPane.setTop(new Label("最新号票 Last slip (simulated printer)"));
        window("打印机 Printer", slipPane, printer);
        AtomicReference<Path> shown = new AtomicReference<>();
        branch.kiosk().controller().onChange(state -> branch.printer().lastImage()
                .filter(p -> !p.equals(shown.getAndSet(p)))
                .ifPresent(p -> Platform.runLater(() -> slip.setImage(new Image(p.toUri().toString())))));
    }

    /**
     * A device screen designed for {@code width} × {@code height} shown whole in a smaller window,
     * scaled uniformly as the hall display scales itself.
     */
    private static Parent scaled(Parent design, double width, double height) {
        if (design instanceof Region region) {
            region.setMinSize(width, height);
            region.setPrefSize(width, height);
            region.setMaxSize(width, height);
        }
        Scale scale = new Scale(1, 1, 0, 0);
        design.getTransforms().add(scale);
        StackPane frame = new StackPane(new Group(design));
        frame.setAlignment(Pos.TOP_LEFT);
        Runnable fit = () -> {
            double factor = Math.min(frame.getWidth() / width, frame.getHeight() / height);
            scale.setX(factor);
            scale.setY(factor);
        };
        frame.widthProperty().addListener(o -> fit.run());
        frame.heightProperty().addListener(o -> fit.run());
        return frame;
    }

    private void window(String title, Parent root, DemoLayout.Placement at) {
        Stage stage = new Stage();
        stage.setTitle(title);
        stage.setScene(new Scene(root, at.width(), at.height()));
        place(stage, at);
    }

    /** Puts the window's frame so that its content sits where {@code at} says, title bar above it. */
    private void place(Stage stage, DemoLayout.Placement at) {
        stage.setX(at.x());
        stage.setY(at.y() - DemoLayout.TITLE_BAR);
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
