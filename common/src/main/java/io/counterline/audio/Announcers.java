package io.counterline.audio;

import io.counterline.protocol.Health;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the announcer the settings ask for, and says at start which one it is. */
public final class Announcers {
    private static final Logger log = LoggerFactory.getLogger(Announcers.class);

    /**
     * The announcer to use and how it started: {@link Health#OK}, or a config error when the
     * configured driver could not start and a {@link SimulatedAnnouncer} stands in for it.
     */
    public record Opened(Announcer announcer, Health health) {
    }

    private Announcers() {
    }

    /** Opens the configured announcer, playing through the default sound output. */
    public static Opened open(AnnouncerSettings settings) {
        return open(settings, new JavaSoundSink(settings.volume()));
    }

    /** Opens the configured announcer, playing through {@code sink}. Never throws. */
    public static Opened open(AnnouncerSettings settings, AudioSink sink) {
        switch (settings.type()) {
            case ESPEAK -> {
                AnnouncerSettings.Espeak espeak = settings.espeak();
                Optional<String> problem = EspeakAnnouncer.problem(espeak);
                if (problem.isPresent()) {
                    return standIn("announcer.espeak.command: " + problem.get());
                }
                log.info("announcer: espeak-ng ({}, voice {}, {} words/min, chime {})", espeak.command(),
                        espeak.voice(), espeak.speed(), settings.chime().map(Path::toString).orElse("none"));
                return new Opened(new EspeakAnnouncer(espeak, settings.chime(), sink), Health.OK);
            }
            case WAV -> {
                Path folder = settings.wavFolder().orElseThrow();
                if (!Files.isDirectory(folder)) {
                    return standIn("announcer.wav.folder: " + folder + " is not a folder");
                }
                Path chime = settings.chime().orElse(folder.resolve("chime.wav"));
                log.info("announcer: WAV clips from {} (chime {})", folder, chime);
                return new Opened(new WavSegmentAnnouncer(folder, chime, sink), Health.OK);
            }
            default -> {
                log.info("announcer: simulated (announcements are logged, not spoken)");
                return new Opened(new SimulatedAnnouncer(), Health.OK);
            }
        }
    }

    private static Opened standIn(String reason) {
        log.error("announcer: {}; announcements are logged instead of spoken", reason);
        return new Opened(new SimulatedAnnouncer(), Health.configError(reason));
    }
}
