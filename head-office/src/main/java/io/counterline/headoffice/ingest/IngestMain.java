package io.counterline.headoffice.ingest;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one ingest worker until stopped: {@code IngestMain <config-file>}. Run several, on any
 * hosts: they compete for the same queue and hold no state of their own.
 */
public final class IngestMain {
    private IngestMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: IngestMain <config-file>");
            System.exit(2);
        }
        IngestSettings settings = IngestSettings.from(ConfigFactory.parseFile(Path.of(args[0]).toFile(),
                ConfigParseOptions.defaults().setAllowMissing(false)).resolve());
        IngestWorker worker = new IngestWorker(settings, Clock.systemUTC()).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            stopped.countDown();
        }, "ingest-shutdown"));
        System.out.println("ingest worker running");
        System.out.flush();
        stopped.await();
    }
}
