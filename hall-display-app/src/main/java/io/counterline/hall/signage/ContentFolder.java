package io.counterline.hall.signage;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder holding the signage images that {@code state/signage} names. Names come from the
 * server, so one that is missing, unreadable or points outside the folder ("../x") is skipped
 * with a log line instead of stopping the slideshow.
 */
public final class ContentFolder {
    private static final Logger log = LoggerFactory.getLogger(ContentFolder.class);

    private final Path folder;

    public ContentFolder(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /** The readable files for {@code names}, in the same order, without the ones skipped. */
    public List<Path> images(List<String> names) {
        List<Path> found = new ArrayList<>();
        for (String name : names) {
            file(name).ifPresent(found::add);
        }
        return found;
    }

    /** The readable file {@code name} inside the folder, or empty (logged) when it is not one. */
    public Optional<Path> file(String name) {
        Path file;
        try {
            file = folder.resolve(name).normalize();
        } catch (InvalidPathException e) {
            log.warn("Signage file '{}' is not a file name ({}); skipped", name, e.getReason());
            return Optional.empty();
        }
        if (!file.startsWith(folder) || file.equals(folder)) {
            log.warn("Signage file '{}' is not inside the content folder {}; skipped", name, folder);
        } else if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            log.warn("Signage file '{}' not found or unreadable in content folder {}; skipped", name, folder);
        } else {
            return Optional.of(file);
        }
        return Optional.empty();
    }
}
