package io.counterline.audio;

import java.io.IOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.FloatControl;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * Plays through the default sound output with Java Sound: one {@link SourceDataLine} per
 * announcement, opened for the clip's format, drained and closed, so an unplugged USB speaker
 * or a busy card costs one announcement, not the announcer.
 */
public final class JavaSoundSink implements AudioSink {
    private static final int BUFFER_BYTES = 4096;

    private final int volumePercent;

    /** @param volumePercent 1–100, applied as master gain where the output supports it */
    public JavaSoundSink(int volumePercent) {
        if (volumePercent < 1 || volumePercent > 100) {
            throw new IllegalArgumentException("volume must be 1 to 100 percent, was " + volumePercent);
        }
        this.volumePercent = volumePercent;
    }

    @Override
    public void play(AudioInputStream audio) throws AnnouncerException {
        AudioFormat format = audio.getFormat();
        SourceDataLine line = openLine(format);
        try {
            setVolume(line);
            line.start();
            byte[] buffer = new byte[BUFFER_BYTES - BUFFER_BYTES % Math.max(1, format.getFrameSize())];
            for (int n; (n = audio.read(buffer)) > 0; ) {
                line.write(buffer, 0, n);
            }
            line.drain();
        } catch (IOException e) {
            throw new AnnouncerException("cannot read the sound to play: " + e.getMessage(), e);
        } finally {
            line.close();
        }
    }

    private static SourceDataLine openLine(AudioFormat format) throws AnnouncerException {
        try {
            SourceDataLine line = AudioSystem.getSourceDataLine(format);
            line.open(format);
            return line;
        } catch (LineUnavailableException e) {
            throw new AnnouncerException("sound output is busy or unavailable (" + e.getMessage()
                    + ") - check that no other program holds the sound card", e);
        } catch (IllegalArgumentException | SecurityException e) {
            // Java Sound says "no line matching interface SourceDataLine" when there is no card at all.
            throw new AnnouncerException("no sound output for " + format + " (" + e.getMessage()
                    + ") - check that a speaker or sound card is connected (aplay -l)", e);
        }
    }

    private void setVolume(SourceDataLine line) {
        if (volumePercent < 100 && line.isControlSupported(FloatControl.Type.MASTER_GAIN)) {
            FloatControl gain = (FloatControl) line.getControl(FloatControl.Type.MASTER_GAIN);
            // Loudness is logarithmic: 50 % is about -6 dB.
            float db = (float) (20 * Math.log10(volumePercent / 100.0));
            gain.setValue(Math.max(gain.getMinimum(), db));
        }
    }
}
