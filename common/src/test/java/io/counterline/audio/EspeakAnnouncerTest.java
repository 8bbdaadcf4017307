package io.counterline.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the announcer against small shell scripts standing in for espeak-ng. */
class EspeakAnnouncerTest {
    @TempDir
    Path dir;

    private final FakeAudioSink sink = new FakeAudioSink();

    @Test
    void announce_trickyText_passedAsOneArgumentWithoutAShell() throws Exception {
        Path speech = TestWavs.write(dir.resolve("speech.wav"), TestWavs.MONO_8K, 40, 9);
        Path args = dir.resolve("args.txt");
        // Records its arguments one per line, then "renders" by copying a WAV to the -w file ($6).
        Path command = script("printf '%s\\n' \"$@\" > " + args + "\ncp " + speech + " \"$6\"");
        EspeakAnnouncer announcer = new EspeakAnnouncer(espeak(command, Duration.ofSeconds(10)), Optional.empty(), sink);
        String text = "请 A012 号 $(touch " + dir.resolve("pwned") + ") \"; -x";

        announcer.announce(new Announcement(text, List.of(), true));

        List<String> argv = Files.readAllLines(args);
        assertThat(argv).containsExactly("-v", "cmn", "-s", "150", "-w", argv.get(5), "--", text);
        assertThat(argv.get(5)).endsWith(".wav");
        assertThat(dir.resolve("pwned")).doesNotExist();
        assertThat(sink.played()).singleElement().satisfies(p -> assertThat(p.bytes()).hasSize(80).containsOnly(9));
    }

    @Test
    void announce_chimeConfigured_playsChimeBeforeSpeech() throws Exception {
        Path speech = TestWavs.write(dir.resolve("speech.wav"), TestWavs.MONO_8K, 40, 9);
        Path chime = TestWavs.write(dir.resolve("chime.wav"), TestWavs.MONO_8K, 20, 5);
        Path command = script("cp " + speech + " \"$6\"");
        EspeakAnnouncer announcer = new EspeakAnnouncer(espeak(command, Duration.ofSeconds(10)), Optional.of(chime), sink);

        announcer.announce(Phrases.call("A012", "3"));
        announcer.announce(Phrases.greeting());

        assertThat(sink.played()).extracting(p -> p.bytes()[0]).containsExactly((byte) 5, (byte) 9, (byte) 9);
    }

    @Test
    void announce_nothingToSay_playsTheChimeAlone_withoutRunningTheSynthesizer() throws Exception {
        Path chime = TestWavs.write(dir.resolve("chime.wav"), TestWavs.MONO_8K, 20, 5);
        Path ran = dir.resolve("ran");
        Path command = script("touch " + ran);
        EspeakAnnouncer announcer = new EspeakAnnouncer(espeak(command, Duration.ofSeconds(10)), Optional.of(chime), sink);

        announcer.announce(new Announcement("", List.of(), true)); // the recording's start tone

        assertThat(sink.played()).extracting(p -> p.bytes()[0]).containsExactly((byte) 5);
        assertThat(ran).doesNotExist();
    }

    @Test
    void announce_synthesizerHangs_throwsAfterTimeout() throws Exception {
        Path command = script("exec sleep 30");
        EspeakAnnouncer announcer = new EspeakAnnouncer(espeak(command, Duration.ofMillis(300)), Optional.empty(), sink);

        assertThatThrownBy(() -> announcer.announce(Phrases.greeting()))
                .isInstanceOf(AnnouncerException.class)
                .hasMessageContaining("did not finish within PT0.3S");
        assertThat(sink.played()).isEmpty();
    }

    @Test
    void announce_synthesizerFails_throwsWithItsMessage() throws Exception {
        Path command = script("echo 'Error: The specified espeak-ng voice does not exist.' >&2\nexit 1");
        EspeakAnnouncer announcer = new EspeakAnnouncer(espeak(command, Duration.ofSeconds(10)), Optional.empty(), sink);

        assertThatThrownBy(() -> announcer.announce(Phrases.greeting()))
                .isInstanceOf(AnnouncerException.class)
                .hasMessageContaining("exited with 1")
                .hasMessageContaining("voice does not exist");
    }

    @Test
    void problem_commandMissing_saysHowToInstall() {
        Optional<String> problem = EspeakAnnouncer.problem(espeak(dir.resolve("no-espeak"), Duration.ofSeconds(5)));

        assertThat(problem).hasValueSatisfying(p -> assertThat(p).contains("no-espeak").contains("apt install espeak-ng"));
    }

    @Test
    void problem_commandRuns_empty() throws Exception {
        assertThat(EspeakAnnouncer.problem(espeak(script("exit 0"), Duration.ofSeconds(5)))).isEmpty();
    }

    private static AnnouncerSettings.Espeak espeak(Path command, Duration timeout) {
        return new AnnouncerSettings.Espeak(command.toString(), "cmn", 150, timeout);
    }

    private Path script(String body) throws IOException {
        Path file = Files.createTempFile(dir, "espeak", ".sh");
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
