package io.counterline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.testing.Binaries;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pad package's maintainer scripts run by the real dpkg: install creates the user, its groups
 * and directories and enables the unit; an upgrade keeps the device's configuration, secret and
 * data; remove keeps them; purge deletes them. Runs in a copy-on-write copy of this machine
 * (overlayfs in a private mount namespace), so it needs root, as CI has.
 */
class PackageLifecycleIT {
    @TempDir
    Path dir;

    @Test
    void installUpgradeRemovePurge_keepDataUntilPurged() throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            String msg = "PackageLifecycleIT needs root (overlayfs and chroot), as CI runs";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(msg);
            }
            System.err.println("SKIPPED: " + msg);
            Assumptions.abort(msg);
        }
        Path unshare = Binaries.require("unshare", "util-linux");
        Path script = dir.resolve("package-lifecycle");
        try (InputStream in = getClass().getResourceAsStream("package-lifecycle")) {
            Files.copy(in, script);
        }
        Path first = PackagesIT.deb("pad", "arm64");
        Path upgrade = Releases.withVersion(first, "0.1.1~test", dir.resolve("upgrade"), false);
        Run run = Run.of(Run.Duration.seconds(300), List.of(unshare.toString(), "--mount", "--propagation", "private",
                "bash", script.toString(), dir.resolve("ov").toString(), first.toAbsolutePath().toString(), upgrade.toString()));
        System.out.println("package lifecycle:\n" + run.output());
        assertThat(run.exit()).as(run.output()).isZero();
        String out = run.output();
        String installed = section(out, "install"), upgraded = section(out, "upgrade");
        String removed = section(out, "remove"), purged = section(out, "purge");

        assertThat(installed).contains("user: counterline:/var/lib/counterline:/usr/sbin/nologin",
                "etc: 750 root:counterline", "data: 750 counterline:counterline", "unit: present", "enabled: yes",
                "doctor: /usr/share/counterline/pad/doctor", "screen-unit: present", "screen-enabled: no",
                "version: 0.1.0~snapshot install ok installed");
        assertThat(installed.lines().filter(l -> l.startsWith("groups:")).findFirst().orElseThrow())
                .contains("gpio", "audio", "video", "input");
        assertThat(upgraded).contains("version: 0.1.1~test install ok installed", "config: device { id = pad-1 }",
                "secret: 600", "outbox: ratings not yet stored", "enabled: yes");
        assertThat(removed).contains("unit: absent", "doctor: absent", "config: device { id = pad-1 }", "secret: 600",
                "outbox: ratings not yet stored");
        assertThat(purged).contains("config: absent", "secret: absent", "outbox: absent", "version: none",
                "user: counterline:");
    }

    private static String section(String out, String name) {
        int start = out.indexOf("== " + name);
        assertThat(start).as("section " + name + " in:\n" + out).isNotNegative();
        int end = out.indexOf("== ", start + 3);
        return out.substring(start, end < 0 ? out.length() : end);
    }
}
