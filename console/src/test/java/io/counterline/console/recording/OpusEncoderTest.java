package io.counterline.console.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpusEncoderTest {
    @TempDir
    Path dir;

    @Test
    void copyPcm_takesTheSamplesOfTheContractsFormat_andRefusesAnyOther() throws Exception {
        byte[] wav = RecordingFixture.wav(100, 440);
        Path file = Files.write(dir.resolve("a.wav"), wav);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(OpusEncoder.copyPcm(file, out)).isEqualTo(wav.length - 44);
        assertThat(out.toByteArray()).isEqualTo(java.util.Arrays.copyOfRange(wav, 44, wav.length));

        byte[] mono = wav.clone();
        ByteBuffer.wrap(mono).order(ByteOrder.LITTLE_ENDIAN).putShort(22, (short) 1); // espeak-ng's default is mono
        Path monoFile = Files.write(dir.resolve("mono.wav"), mono);
        assertThatThrownBy(() -> OpusEncoder.copyPcm(monoFile, new ByteArrayOutputStream()))
                .isInstanceOf(OpusEncoder.EncodeException.class).hasMessageContaining("wav-s16le-16k-stereo");
        Path text = Files.writeString(dir.resolve("t.wav"), "not a wav at all");
        assertThatThrownBy(() -> OpusEncoder.copyPcm(text, new ByteArrayOutputStream()))
                .isInstanceOf(OpusEncoder.EncodeException.class).hasMessageContaining("not a WAV");
    }
}
