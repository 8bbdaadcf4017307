package io.counterline.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;

/** Records what would have been played, whole, in order. */
public final class FakeAudioSink implements AudioSink {

    /** One {@link #play} call: its format and every byte of its audio. */
    public record Played(AudioFormat format, byte[] bytes) {
        public double seconds() {
            return bytes.length / (double) format.getFrameSize() / format.getFrameRate();
        }
    }

    private final List<Played> played = new CopyOnWriteArrayList<>();

    @Override
    public void play(AudioInputStream audio) {
        try {
            played.add(new Played(audio.getFormat(), audio.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Played> played() {
        return List.copyOf(played);
    }
}
