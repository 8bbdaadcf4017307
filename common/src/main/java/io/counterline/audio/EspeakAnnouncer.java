package io.counterline.audio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Speaks the announcement's text with the espeak-ng synthesizer: renders it to a temporary WAV
 * file ({@code espeak-ng -v cmn -s <speed> -w <file> -- <text>}), then plays the optional chime
 * and the speech through the {@link AudioSink}. Rendering first means the words follow the
 * chime without a gap.
 *
 * <p>The text is one argv element after {@code --}, never passed through a shell, so no
 * characters in it are special. Each run is bounded by the configured timeout.
 */
public final class EspeakAnnouncer implements Announcer {
    private static final int REASON_CHARS = 300;

    private final AnnouncerSettings.Espeak espeak;
    private final Optional<Path> chime;
    private final AudioSink sink;

    public EspeakAnnouncer(AnnouncerSettings.Espeak espeak, Optional<Path> chime, AudioSink sink) {
        this.espeak = espeak;
        this.chime = chime;
        this.sink = sink;
    }

    /**
     * Whether espeak-ng can be run: empty when {@code <command> --version} succeeds, otherwise
     * why not.
     */
    public static Optional<String> problem(AnnouncerSettings.Espeak espeak) {
        try {
            Process process = new ProcessBuilder(espeak.command(), "--version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(espeak.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.of(espeak.command() + " --version did not finish within " + espeak.timeout());
            }
            return process.exitValue() == 0 ? Optional.empty()
                    : Optional.of(espeak.command() + " --version exited with " + process.exitValue());
        } catch (IOException e) {
            return Optional.of("cannot run " + espeak.command() + " (" + e.getMessage()
                    + ") - install it with: apt install espeak-ng");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking " + espeak.command());
        }
    }

    @Override
    public void announce(Announcement announcement) throws AnnouncerException {
        if (announcement.text().isBlank()) {
            // Nothing to say: a chime alone (the recording start tone), or nothing.
            if (announcement.chime() && chime.isPresent()) {
                sink.play(chime.get());
            }
            return;
        }
        Path wav = null;
        Path log = null;
        try {
            wav = Files.createTempFile("counterline-speech", ".wav");
            log = Files.createTempFile("counterline-speech", ".log");
            render(announcement.text(), wav, log);
            if (announcement.chime() && chime.isPresent()) {
                sink.play(chime.get());
            }
            sink.play(wav);
        } catch (IOException e) {
            throw new AnnouncerException("cannot create a temporary sound file: " + e.getMessage(), e);
        } finally {
            deleteQuietly(wav);
            deleteQuietly(log);
        }
    }

    private void render(String text, Path wav, Path log) throws AnnouncerException, IOException {
        List<String> command = List.of(espeak.command(), "-v", espeak.voice(), "-s", Integer.toString(espeak.speed()),
                "-w", wav.toString(), "--", text);
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new AnnouncerException("cannot run " + espeak.command() + " (" + e.getMessage()
                    + ") - install it with: apt install espeak-ng", e);
        }
        try {
            if (!process.waitFor(espeak.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AnnouncerException(espeak.command() + " did not finish within " + espeak.timeout());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AnnouncerException("interrupted while " + espeak.command() + " was rendering", e);
        }
        if (process.exitValue() != 0) {
            String reason = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).strip();
            throw new AnnouncerException(espeak.command() + " exited with " + process.exitValue() + ": "
                    + reason.substring(0, Math.min(reason.length(), REASON_CHARS)));
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A leftover file in the temp directory is harmless; the announcement mattered.
            }
        }
    }
}
