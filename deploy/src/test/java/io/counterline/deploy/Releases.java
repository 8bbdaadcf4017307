package io.counterline.deploy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Other releases of a built package, made with dpkg-deb as a release build would differ. */
final class Releases {
    private Releases() {
    }

    /**
     * The package again with another version; {@code broken}: without the app's own jar, so that
     * it cannot start.
     */
    static Path withVersion(Path deb, String version, Path work, boolean broken) throws IOException {
        Path tree = Files.createDirectories(work).resolve("tree");
        Run.of(Run.Duration.seconds(60), List.of("dpkg-deb", "-R", deb.toString(), tree.toString())).ok();
        String role = deb.getFileName().toString().split("_")[0].substring("counterline-".length());
        if (broken) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(tree.resolve("usr/share/counterline/" + role + "/lib"),
                    "*-app-*.jar")) {
                for (Path jar : jars) {
                    Files.delete(jar);
                }
            }
        }
        Path control = tree.resolve("DEBIAN/control");
        Files.writeString(control, Files.readString(control).replaceFirst("(?m)^Version: .*$", "Version: " + version));
        Files.delete(tree.resolve("DEBIAN/md5sums"));
        Path out = work.resolve("counterline-" + role + "_" + version + "_arm64.deb");
        Run.of(Run.Duration.seconds(120), List.of("dpkg-deb", "--root-owner-group", "-Zgzip", "-b", tree.toString(), out.toString()))
                .ok();
        return out;
    }
}
