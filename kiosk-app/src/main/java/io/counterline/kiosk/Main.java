package io.counterline.kiosk;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.File;
import java.util.List;
import javafx.application.Application;

/**
 * Starts {@link KioskApp}: {@code java -cp … io.counterline.kiosk.Main --config /etc/counterline/kiosk-1.conf}.
 * A separate class because the Java launcher refuses a main class that extends
 * {@code Application} when JavaFX is on the class path rather than the module path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Application.launch(KioskApp.class, args);
    }

    /**
     * The configuration named by {@code --config FILE} (or {@code --config=FILE}) over this
     * module's defaults.
     *
     * @throws IllegalArgumentException without {@code --config}, or naming a missing file
     */
    static Config load(List<String> args) {
        String path = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--config") && i + 1 < args.size()) {
                path = args.get(i + 1);
            } else if (args.get(i).startsWith("--config=")) {
                path = args.get(i).substring("--config=".length());
            }
        }
        if (path == null) {
            throw new IllegalArgumentException("usage: Main --config FILE (see kiosk-example.conf)");
        }
        File file = new File(path);
        if (!file.isFile()) {
            throw new IllegalArgumentException("--config " + path + ": no such file");
        }
        return ConfigFactory.parseFile(file).withFallback(ConfigFactory.defaultReference()).resolve();
    }
}
