package io.counterline.pad.screen;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds a teller's photo in the configured folder: {@code {teller id}.jpg}, {@code .jpeg} or {@code .png}. */
final class TellerPhotos {
    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png");

    private final Optional<Path> folder;

    TellerPhotos(Optional<Path> folder) {
        this.folder = folder;
    }

    /** The photo file, or empty when there is no folder or no such file (the screen shows a placeholder). */
    Optional<Path> find(String tellerId) {
        // Teller ids are protocol ids (letters, digits, '.', '_', '-'), never a path; refuse ".." anyway.
        if (folder.isEmpty() || tellerId.contains("..")) {
            return Optional.empty();
        }
        return EXTENSIONS.stream().map(ext -> folder.get().resolve(tellerId + ext)).filter(Files::isRegularFile)
                .findFirst();
    }
}
