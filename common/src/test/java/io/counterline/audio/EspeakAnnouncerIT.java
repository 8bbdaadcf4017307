package io.counterline.audio;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;

/** Renders real speech with the installed espeak-ng and its Mandarin voice. */
class EspeakAnnouncerIT {
    private static final AnnouncerSettings.Espeak ESPEAK =
            AnnouncerSettings.from(ConfigFactory.parseString("type = espeak")).espeak();

    /** Skips visibly when espeak-ng is missing, unless CI=true where that is a failure. */
    @BeforeAll
    static void espeakInstalled() {
        Optional<String> problem = EspeakAnnouncer.problem(ESPEAK);
        if (problem.isPresent()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(problem.get());
            }
            System.err.println("SKIPPED EspeakAnnouncerIT: " + problem.get());
            Assumptions.abort(problem.get());
        }
    }

    @Test
    void announce_call_rendersPlausibleMandarinSpeech() throws Exception {
        FakeAudioSink sink = new FakeAudioSink();

        new EspeakAnnouncer(ESPEAK, Optional.empty(), sink).announce(Phrases.call("A012", "3"));

        assertThat(sink.played()).singleElement().satisfies(p -> {
            assertThat(p.format().getEncoding().toString()).startsWith("PCM");
            assertThat(p.seconds()).isBetween(1.5, 10.0);
            assertThat(maxAmplitude(p.bytes())).as("not silence").isGreaterThan(1000);
        });
    }

    /** espeak-ng writes 16-bit little-endian mono. */
    private static int maxAmplitude(byte[] pcm) {
        int max = 0;
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            max = Math.max(max, Math.abs((short) ((pcm[i] & 0xff) | pcm[i + 1] << 8)));
        }
        return max;
    }
}
