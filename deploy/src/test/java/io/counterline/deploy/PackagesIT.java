package io.counterline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.testing.Binaries;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The packages in deploy/target as dpkg-deb and lintian see them (built in this module's package phase). */
class PackagesIT {
    static final Path TARGET = Path.of("target");
    static final String VERSION = "0.1.0~snapshot";
    /** ELF e_machine values (the ELF specification's table). */
    static final int EM_AARCH64 = 0xB7;

    static Path deb(String role, String arch) {
        Path deb = TARGET.resolve("counterline-" + role + "_" + VERSION + "_" + arch + ".deb");
        assertThat(deb).as("built by ./mvnw -pl deploy -am package").exists();
        return deb;
    }

    static String field(Path deb, String name) {
        return Run.of(Run.Duration.seconds(30), List.of("dpkg-deb", "-f", deb.toString(), name)).ok().output().strip();
    }

    static String contents(Path deb) {
        return Run.of(Run.Duration.seconds(30), List.of("dpkg-deb", "-c", deb.toString())).ok().output();
    }

    @Test
    void server_isBuiltForBothArchitectures_withItsUnitAndTimeService() {
        for (String arch : List.of("amd64", "arm64")) {
            Path deb = deb("server", arch);
            assertThat(field(deb, "Package")).isEqualTo("counterline-server");
            assertThat(field(deb, "Architecture")).isEqualTo(arch);
            assertThat(field(deb, "Depends")).contains("java17-runtime-headless", "chrony", "adduser");
            assertThat(contents(deb)).contains("./lib/systemd/system/counterline-server.service",
                    "./usr/share/counterline/server/lib/branch-server-", "./usr/share/counterline/server/lib/sqlite-jdbc-",
                    "./usr/share/counterline/server/server.conf.template", "./etc/chrony/conf.d/counterline.conf");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kiosk", "caller", "pad", "hall"})
    void screenRole_isArm64_dependsOnWhatThePiNeeds_andCarriesUnitRulesTemplate(String role) {
        Path deb = deb(role, "arm64");
        assertThat(field(deb, "Architecture")).isEqualTo("arm64");
        assertThat(field(deb, "Depends")).contains("java17-runtime-headless", "cage", "xwayland",
                "fonts-wqy-microhei | fonts-noto-cjk", "systemd-timesyncd | chrony", "adduser");
        String files = contents(deb);
        assertThat(files).contains("./lib/systemd/system/counterline-" + role + ".service",
                "./lib/udev/rules.d/70-counterline-" + role + ".rules",
                "./usr/share/counterline/" + role + "/" + role + ".conf.template",
                "./usr/share/counterline/" + role + "/release-guard",
                "./usr/share/counterline/" + role + "/lib/javafx-graphics-21.0.12-linux-aarch64.jar",
                "./usr/share/counterline/" + role + "/lib/common-");
        assertThat(files).as("no JavaFX of the build machine").doesNotContain("-linux.jar", "-linux-x86_64.jar");
    }

    @Test
    void voice_isADependencyWhereTheRoleSpeaks() {
        assertThat(field(deb("caller", "arm64"), "Depends")).contains("espeak-ng", "alsa-utils");
        assertThat(field(deb("hall", "arm64"), "Depends")).contains("espeak-ng", "alsa-utils", "libavcodec59");
        assertThat(field(deb("kiosk", "arm64"), "Depends")).doesNotContain("espeak-ng");
    }

    @Test
    void udevRules_giveEachRoleItsHardwareToItsGroups() {
        assertThat(rules("kiosk")).contains("KERNEL==\"lp[0-9]*\"", "GROUP=\"lp\"", "ttyUSB", "gpiochip");
        assertThat(rules("caller")).contains("spidev", "GROUP=\"spi\"", "gpiochip", "SUBSYSTEM==\"sound\"");
        assertThat(rules("pad")).contains("gpiochip", "SUBSYSTEM==\"sound\"");
        assertThat(rules("hall")).contains("SUBSYSTEM==\"sound\"").doesNotContain("gpiochip");
    }

    @Test
    void unit_isTheOneInThePackage_screenRolesRunUnderCageAndRestart(@TempDir Path dir) throws IOException {
        Run.of(Run.Duration.seconds(60), List.of("dpkg-deb", "-x", deb("kiosk", "arm64").toString(), dir.toString())).ok();
        String unit = Files.readString(dir.resolve("lib/systemd/system/counterline-kiosk.service"));
        assertThat(unit).contains("ExecStart=/usr/bin/cage -d -- /usr/bin/java", "io.counterline.kiosk.Main --config /etc/counterline/kiosk.conf",
                "Restart=on-failure", "RestartPreventExitStatus=2", "User=counterline", "ConditionPathExists=/etc/counterline/kiosk.conf", "PAMName=login",
                "Conflicts=getty@tty1.service");
    }

    @Test
    void pad_carriesItsSecondProfile_theScreenUnderCage_andEveryDeviceUnitResumesTheReleaseGuard(@TempDir Path dir)
            throws IOException {
        Run.of(Run.Duration.seconds(60), List.of("dpkg-deb", "-x", deb("pad", "arm64").toString(), dir.toString())).ok();
        String screen = Files.readString(dir.resolve("lib/systemd/system/counterline-pad-screen.service"));
        assertThat(screen).contains("ExecStart=/usr/bin/cage -d -- /usr/bin/java", "io.counterline.pad.Main --config /etc/counterline/pad.conf",
                "Conflicts=getty@tty1.service counterline-pad.service", "PAMName=login", "TTYPath=/dev/tty1",
                "ExecStartPost=-+/usr/share/counterline/pad/release-guard resume --role pad --unit counterline-pad-screen.service");
        assertThat(Files.readString(dir.resolve("lib/systemd/system/counterline-pad.service")))
                .contains("ExecStartPost=-+/usr/share/counterline/pad/release-guard resume --role pad\n",
                        "ExecStart=/usr/bin/java ");
        assertThat(Files.isExecutable(dir.resolve("usr/share/counterline/pad/release-guard"))).isTrue();
        for (String role : List.of("kiosk", "caller", "hall")) {
            assertThat(contents(deb(role, "arm64"))).doesNotContain("-screen.service");
        }
    }

    @Test
    void maintainerScripts_createTheUser_andPurgeAloneDeletesData(@TempDir Path dir) throws IOException {
        Run.of(Run.Duration.seconds(30), List.of("dpkg-deb", "-e", deb("pad", "arm64").toString(), dir.toString())).ok();
        String postinst = Files.readString(dir.resolve("postinst"));
        assertThat(postinst).contains("adduser --system --group", "counterline", "for group in video render input gpio audio",
                "release-guard watch --role \"$role\" --unit \"$running\"");
        String postrm = Files.readString(dir.resolve("postrm"));
        int purge = postrm.indexOf("if [ \"$1\" = purge ]");
        assertThat(purge).isPositive();
        assertThat(postrm.indexOf("rm -rf \"/var/lib/counterline/$role\"")).isGreaterThan(purge);
        assertThat(Files.isExecutable(dir.resolve("postinst"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kiosk", "caller", "pad", "hall"})
    void screenRole_javafxNativeLibraries_areAarch64Elf(String role, @TempDir Path dir) throws IOException {
        Run.of(Run.Duration.seconds(60), List.of("dpkg-deb", "-x", deb(role, "arm64").toString(), dir.toString())).ok();
        Path graphics = dir.resolve("usr/share/counterline/" + role + "/lib/javafx-graphics-21.0.12-linux-aarch64.jar");
        List<String> libraries = new ArrayList<>();
        try (ZipFile jar = new ZipFile(graphics.toFile())) {
            for (ZipEntry e : java.util.Collections.list(jar.entries())) {
                if (e.getName().endsWith(".so")) {
                    try (InputStream in = jar.getInputStream(e)) {
                        byte[] header = in.readNBytes(20);
                        assertThat(header).as(e.getName()).startsWith(0x7f, 'E', 'L', 'F');
                        int machine = (header[18] & 0xff) | (header[19] & 0xff) << 8;
                        assertThat(machine).as(e.getName() + " e_machine").isEqualTo(EM_AARCH64);
                        libraries.add(e.getName());
                    }
                }
            }
        }
        assertThat(libraries).as("JavaFX's native libraries").contains("libglass.so", "libprism_es2.so");
    }

    @Test
    void lintian_findsNoErrors() {
        Binaries.require("lintian", "lintian");
        List<String> cmd = new ArrayList<>(List.of("lintian", "--fail-on", "error", "--suppress-tags", "unknown-java-class-version"));
        try (Stream<Path> debs = Files.list(TARGET)) {
            debs.filter(p -> p.toString().endsWith(".deb")).sorted().forEach(p -> cmd.add(p.toString()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(cmd).hasSizeGreaterThanOrEqualTo(5 + 6);
        Run run = Run.of(Run.Duration.seconds(300), cmd, Map.of(), null);
        System.out.println("lintian:\n" + run.output());
        assertThat(run.output()).doesNotContainPattern("(?m)^E: ");
        assertThat(run.exit()).as(run.output()).isZero();
    }

    private static String rules(String role) {
        String file = "./lib/udev/rules.d/70-counterline-" + role + ".rules";
        return Run.of(Run.Duration.seconds(60), List.of("sh", "-c",
                "dpkg-deb --fsys-tarfile \"$1\" | tar -xOf - \"$2\"", "sh", deb(role, "arm64").toString(), file)).ok().output();
    }
}
