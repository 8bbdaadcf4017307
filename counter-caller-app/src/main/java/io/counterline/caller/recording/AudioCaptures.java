package io.counterline.caller.recording;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The capture the settings ask for, said in the log. */
public final class AudioCaptures {
    private static final Logger log = LoggerFactory.getLogger(AudioCaptures.class);

    private AudioCaptures() {
    }

    public static AudioCapture open(RecordingSettings settings) {
        AudioCapture capture = switch (settings.source()) {
            case ALSA -> new ArecordAudioCapture("arecord", settings.alsaDevice());
            case SIMULATED -> SimulatedAudioCapture.speech(settings.simulatedText(), true);
        };
        log.info("recording source: {}", capture.describe());
        return capture;
    }
}
