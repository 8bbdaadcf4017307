package io.counterline.hall.signage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentFolderTest {
    @TempDir
    Path dir;

    @Test
    void images_someMissingOrOutside_keepsReadableOnesInOrder() throws IOException {
        Path content = Files.createDirectory(dir.resolve("content"));
        Files.writeString(content.resolve("b.png"), "b");
        Files.writeString(content.resolve("a.png"), "a");
        Files.writeString(dir.resolve("secret.png"), "outside");
        Files.createDirectory(content.resolve("folder.png"));

        List<Path> images = new ContentFolder(content).images(
                List.of("b.png", "missing.png", "../secret.png", dir.resolve("secret.png").toString(), "folder.png",
                        "bad\0name", ".", "a.png"));

        assertThat(images).containsExactly(content.resolve("b.png"), content.resolve("a.png"));
    }
}
