package io.counterline.hall.signage;

import io.counterline.device.DeviceRuntime;
import io.counterline.hall.HallSettings;
import io.counterline.outbox.OutboxException;
import io.counterline.protocol.EventType;
import io.counterline.hall.board.SignageShow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds a hall node's {@link SignagePlayer}: cache in the content folder, proof of play into the outbox. */
public final class SignageWiring {
    private static final Logger log = LoggerFactory.getLogger(SignageWiring.class);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(30);

    private SignageWiring() {
    }

    /** @param show hands what to show to the hall's model loop (the board's {@code applySignage}) */
    public static SignagePlayer player(HallSettings settings, DeviceRuntime runtime, Consumer<SignageShow> show,
                                       Duration tick) {
        MediaCache cache;
        try {
            cache = new MediaCache(settings.contentFolder(), DOWNLOAD_TIMEOUT, MediaCache.DEFAULT_MAX_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("signage cache in " + settings.contentFolder() + ": " + e.getMessage(), e);
        }
        return new SignagePlayer(show, played -> {
            try {
                runtime.record(EventType.SIGNAGE_PLAYED, played);
            } catch (OutboxException e) {
                log.warn("signage: proof of play not recorded ({})", e.getMessage());
            }
        }, cache, runtime.settings().dataDir(), runtime.settings().id(), runtime.clock(), tick).start();
    }
}
