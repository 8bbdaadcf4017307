package io.counterline.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaSoundSinkTest {
    @TempDir
    Path dir;

    /** Build machines rarely have a sound card: then the sink must explain, not crash. */
    @Test
    void play_withOrWithoutSoundCard_playsOrThrowsAnnouncerException() throws Exception {
        Path wav = TestWavs.write(dir.resolve("beep.wav"), TestWavs.MONO_8K, 80, 0);
        try {
            new JavaSoundSink(50).play(wav);
        } catch (AnnouncerException e) {
            assertThat(e.getMessage()).containsAnyOf("sound card", "speaker");
        }
    }

    @Test
    void play_notAWav_throwsNamingTheFile() throws Exception {
        Path text = java.nio.file.Files.writeString(dir.resolve("notes.wav"), "not audio");

        assertThatThrownBy(() -> new JavaSoundSink(100).play(text))
                .isInstanceOf(AnnouncerException.class)
                .hasMessageContaining("notes.wav");
    }

    @Test
    void new_volumeOutOfRange_rejected() {
        assertThatThrownBy(() -> new JavaSoundSink(0)).hasMessageContaining("1 to 100");
    }
}
