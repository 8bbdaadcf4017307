package io.counterline.pad;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javafx.application.Application;

/**
 * Starts the rating pad: {@code --config FILE}. With {@code rating-pad.screen.enabled} it launches
 * {@link PadApp} (JavaFX); without, it runs headless on its keys and LEDs until stopped (SIGTERM
 * from systemd closes it cleanly). A separate class from {@link PadApp} because the Java launcher
 * refuses a main class that extends {@code Application} when JavaFX is on the class path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Config config;
        boolean screen;
        try {
            config = RunningPad.load(RunningPad.configFile(List.of(args)));
            screen = PadSettings.from(config.getConfig("rating-pad")).screen().enabled();
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("rating pad not started: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (screen) {
            Application.launch(PadApp.class, args);
        } else {
            runHeadless(config);
        }
    }

    private static void runHeadless(Config config) throws Exception {
        RunningPad pad = RunningPad.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pad.close();
            stopped.countDown();
        }, "pad-shutdown"));
        stopped.await();
    }
}
