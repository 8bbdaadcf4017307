package io.counterline.audio;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Speaks from prerecorded clips: a folder holding {@code <segment>.wav} for every segment in
 * {@link Phrases#CLIPS} and a chime. The clips of one announcement are joined into one stream
 * and played in one go, so there are no gaps from reopening the output between words.
 *
 * <p>All clips must share one PCM format (record them together, e.g. 16-bit mono 22,050 Hz);
 * joining does not resample. Clips are read for every announcement, so a folder can be updated
 * while the app runs.
 */
public final class WavSegmentAnnouncer implements Announcer {
    private final Path folder;
    private final Path chime;
    private final AudioSink sink;

    /**
     * @param folder the folder holding {@code <segment>.wav}
     * @param chime the chime played before announcements that ask for one
     */
    public WavSegmentAnnouncer(Path folder, Path chime, AudioSink sink) {
        this.folder = folder;
        this.chime = chime;
        this.sink = sink;
    }

    @Override
    public void announce(Announcement announcement) throws AnnouncerException {
        List<Path> clips = new ArrayList<>();
        if (announcement.chime()) {
            clips.add(chime);
        }
        for (String segment : announcement.segments()) {
            clips.add(folder.resolve(segment + ".wav"));
        }
        if (clips.isEmpty()) {
            return;
        }
        sink.play(join(clips));
    }

    private static AudioInputStream join(List<Path> clips) throws AnnouncerException {
        AudioFormat format = null;
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (Path clip : clips) {
            if (!Files.isRegularFile(clip)) {
                throw new AnnouncerException("missing voice clip " + clip);
            }
            try (AudioInputStream in = AudioSystem.getAudioInputStream(clip.toFile())) {
                if (format == null) {
                    format = in.getFormat();
                } else if (!format.matches(in.getFormat())) {
                    throw new AnnouncerException("voice clip " + clip + " is " + in.getFormat()
                            + " but the clips before it are " + format + " - record all clips in one format");
                }
                in.transferTo(joined);
            } catch (UnsupportedAudioFileException | IOException e) {
                throw new AnnouncerException("cannot read voice clip " + clip + ": " + e.getMessage(), e);
            }
        }
        byte[] bytes = joined.toByteArray();
        return new AudioInputStream(new ByteArrayInputStream(bytes), format, bytes.length / format.getFrameSize());
    }
}
