package io.counterline.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/** Writes tiny WAV files whose every byte is one value, so joined audio shows its order. */
final class TestWavs {
    static final AudioFormat MONO_8K = new AudioFormat(8000, 16, 1, true, false);

    private TestWavs() {
    }

    static Path write(Path file, AudioFormat format, int frames, int fill) throws IOException {
        byte[] bytes = new byte[frames * format.getFrameSize()];
        Arrays.fill(bytes, (byte) fill);
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(bytes), format, frames),
                AudioFileFormat.Type.WAVE, file.toFile());
        return file;
    }
}
