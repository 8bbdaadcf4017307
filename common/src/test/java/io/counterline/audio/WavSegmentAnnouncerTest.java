package io.counterline.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavSegmentAnnouncerTest {
    @TempDir
    Path folder;

    private final FakeAudioSink sink = new FakeAudioSink();

    @Test
    void announce_callWithChime_playsChimeThenEveryClipInOrderAsOneStream() throws Exception {
        Announcement call = Phrases.call("A012", "3");
        List<String> clips = new ArrayList<>(List.of("chime"));
        clips.addAll(call.segments());
        // Each clip gets its own fill byte and length, so order and completeness both show.
        for (int i = 0; i < clips.size(); i++) {
            TestWavs.write(folder.resolve(clips.get(i) + ".wav"), TestWavs.MONO_8K, 100 + i, i + 1);
        }
        WavSegmentAnnouncer announcer = new WavSegmentAnnouncer(folder, folder.resolve("chime.wav"), sink);

        announcer.announce(call);

        assertThat(sink.played()).hasSize(1);
        FakeAudioSink.Played played = sink.played().get(0);
        assertThat(played.format().matches(TestWavs.MONO_8K)).isTrue();
        int offset = 0;
        for (int i = 0; i < clips.size(); i++) {
            int length = (100 + i) * 2;
            for (int b = offset; b < offset + length; b++) {
                assertThat(played.bytes()[b]).as("byte %d, in clip %s", b, clips.get(i)).isEqualTo((byte) (i + 1));
            }
            offset += length;
        }
        assertThat(played.bytes()).hasSize(offset);
    }

    @Test
    void announce_noChimeWanted_playsOnlyTheSegments() throws Exception {
        TestWavs.write(folder.resolve("nin-hao.wav"), TestWavs.MONO_8K, 50, 7);
        WavSegmentAnnouncer announcer = new WavSegmentAnnouncer(folder, folder.resolve("chime.wav"), sink);

        announcer.announce(Phrases.greeting());

        assertThat(sink.played()).singleElement().satisfies(p -> assertThat(p.bytes()).hasSize(100).containsOnly(7));
    }

    @Test
    void announce_missingClip_throwsNamingTheFileAndPlaysNothing() throws Exception {
        writeAll(List.of("chime", "qing", "A", "0", "1", "2", "hao", "dao", "hao-chuangkou"));
        WavSegmentAnnouncer announcer = new WavSegmentAnnouncer(folder, folder.resolve("chime.wav"), sink);

        assertThatThrownBy(() -> announcer.announce(Phrases.call("A012", "3")))
                .isInstanceOf(AnnouncerException.class)
                .hasMessageContaining(folder.resolve("3.wav").toString());
        assertThat(sink.played()).isEmpty();
    }

    @Test
    void announce_clipInAnotherFormat_throwsNamingTheFile() throws Exception {
        writeAll(List.of("chime", "qing", "A", "1", "hao", "dao", "hao-chuangkou"));
        TestWavs.write(folder.resolve("2.wav"), new AudioFormat(16000, 16, 1, true, false), 10, 1);
        WavSegmentAnnouncer announcer = new WavSegmentAnnouncer(folder, folder.resolve("chime.wav"), sink);

        assertThatThrownBy(() -> announcer.announce(Phrases.call("A1", "2")))
                .isInstanceOf(AnnouncerException.class)
                .hasMessageContaining("2.wav")
                .hasMessageContaining("one format");
    }

    @Test
    void announce_afterAFailure_stillWorks() throws Exception {
        WavSegmentAnnouncer announcer = new WavSegmentAnnouncer(folder, folder.resolve("chime.wav"), sink);
        assertThatThrownBy(() -> announcer.announce(Phrases.thanks())).isInstanceOf(AnnouncerException.class);

        TestWavs.write(folder.resolve("xiexie-manzou.wav"), TestWavs.MONO_8K, 10, 3);
        announcer.announce(Phrases.thanks());

        assertThat(sink.played()).hasSize(1);
    }

    private void writeAll(List<String> names) throws IOException {
        for (String name : names) {
            TestWavs.write(folder.resolve(name + ".wav"), TestWavs.MONO_8K, 10, 1);
        }
    }
}
