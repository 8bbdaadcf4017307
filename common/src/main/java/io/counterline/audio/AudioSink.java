package io.counterline.audio;

import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Where announcers send sound: the speaker on a device, a recorder in tests.
 *
 * <p>Contract: {@link #play(AudioInputStream)} blocks until the audio has been played to the end
 * (PCM, any rate and sample size the output supports) and then returns; a failure is an
 * {@link AnnouncerException} whose message names what to check, never an unchecked exception.
 * Called from one announcing thread at a time.
 */
public interface AudioSink {

    void play(AudioInputStream audio) throws AnnouncerException;

    /** Plays a WAV file to the end; an unreadable or non-PCM file is an {@link AnnouncerException} naming it. */
    default void play(Path wav) throws AnnouncerException {
        try (AudioInputStream audio = AudioSystem.getAudioInputStream(wav.toFile())) {
            play(audio);
        } catch (UnsupportedAudioFileException | IOException e) {
            throw new AnnouncerException("cannot read sound file " + wav + ": " + e.getMessage(), e);
        }
    }
}
