package io.counterline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.counterline.testing.FreePort;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/bin/provision} against a real OpenSSH server on 127.0.0.1 (the SSH part is real:
 * login, host key, scp, standard input). The "Pi" is a directory (--target-root) and its system
 * commands go through the explicit --target-system prefix, a script that unpacks the package
 * there and runs the app from it. The branch server is real and restarted when a device is added;
 * the device really connects to its broker with the secret provisioning placed.
 */
class ProvisionIT {
    static final Path PROVISION = Path.of("bin/provision").toAbsolutePath();

    @TempDir
    Path dir;
    OpenSshServer sshd;
    Path pi;
    Path branch;
    int brokerPort;

    @BeforeEach
    void setUp() throws IOException {
        sshd = OpenSshServer.start(Files.createDirectories(dir.resolve("ssh")));
        pi = Files.createDirectories(dir.resolve("pi"));
        branch = Files.createDirectories(dir.resolve("branch"));
        brokerPort = FreePort.find();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        script("fake-system", pi.resolve("fake-system"), Map.of("@ROOT@", pi.toString(), "@JAVA@", java));
        script("restart-server", branch.resolve("restart-server"), Map.of("@DIR@", branch.toString(), "@JAVA@", java,
                "@CLASSPATH@", System.getProperty("java.class.path"), "@PORT@", Integer.toString(brokerPort)));
        // The branch configuration from the server package's template, on loopback only.
        Path etc = Files.createDirectories(branch.resolve("etc"));
        String template = Files.readString(Path.of("packages/server/server.conf.template"));
        Files.writeString(etc.resolve("server.conf"), template
                .replace("@BRANCH@", "b001").replace("@BRANCH_NAME@", "Test branch")
                .replace("@SERVER_SECRET@", "server-secret-0001")
                .replace("/var/lib/counterline/server", branch.resolve("data").toString())
                .replace("host = \"0.0.0.0\", port = 1883", "host = \"127.0.0.1\", port = " + brokerPort));
        // The pad's GPIO chip, as the role's hardware check looks for it; Debian's hosts file.
        Files.createDirectories(pi.resolve("dev"));
        Files.createDirectories(pi.resolve("etc"));
        Files.writeString(pi.resolve("etc/hosts"), "127.0.0.1\tlocalhost\n127.0.1.1\traspberrypi\n");
        Files.writeString(pi.resolve("dev/gpiochip0"), "");
    }

    @AfterEach
    void tearDown() throws IOException {
        stopPid(pi.resolve("var/lib/fake-system/systemd-run.pid"));
        stopPid(pi.resolve("var/lib/fake-system/counterline-pad.service.pid"));
        stopPid(branch.resolve("server.pid"));
        if (sshd != null) {
            sshd.close();
        }
    }

    @Test
    void provision_firstRunInstallsAndConnects_secondRunChangesNothing_secretNeverShown() throws IOException {
        Run first = provision(sshd.clientKey, "pad", "pad-7", "c1");
        System.out.println("first run:\n" + first.output());
        assertThat(first.exit()).as(first.output() + sshd.log()).isZero();
        assertThat(first.output()).contains("pad-7 registered", "counterline-pad (none) -> 0.1.0~snapshot",
                "(re)started", "pad-7 connected to tcp://127.0.0.1:" + brokerPort, "pad-7: provisioned");

        String secret = secretOf("pad-7");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(12);
        Path secretFile = pi.resolve("etc/counterline/pad.secret.conf");
        assertThat(Files.readString(secretFile)).contains("broker.secret = \"" + secret + "\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile))).isEqualTo("rw-------");
        assertThat(Files.readString(pi.resolve("var/lib/fake-system/owners")))
                .contains(secretFile + " counterline:counterline");
        assertThat(Files.readString(pi.resolve("etc/counterline/pad.conf")))
                .contains("id = \"pad-7\"", "counter = \"c1\"", "uri = \"tcp://127.0.0.1:" + brokerPort + "\"");
        assertThat(Files.readString(pi.resolve("etc/hostname")).strip()).isEqualTo("pad-7");
        assertThat(Files.readString(pi.resolve("etc/hosts"))).contains("127.0.1.1\tpad-7\n").doesNotContain("raspberrypi");
        assertThat(Files.readString(pi.resolve("etc/systemd/timesyncd.conf.d/counterline.conf"))).contains("NTP=127.0.0.1");
        assertThat(pi.resolve("usr/share/counterline/pad/lib")).isDirectory();

        Run second = provision(sshd.clientKey, "pad", "pad-7", "c1");
        System.out.println("second run:\n" + second.output());
        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(second.output()).contains("already registered", "unchanged", "running, unchanged", "pad-7: no change, online");
        assertThat(Files.readAllLines(pi.resolve("var/lib/fake-system/installs"))).containsExactly("counterline-pad 0.1.0~snapshot");
        assertThat(secretOf("pad-7")).isEqualTo(secret);

        String everything = first.output() + second.output() + Files.readString(dir.resolve("ssh/sshd.log"));
        assertThat(everything).doesNotContain(secret);

        // The fleet view over the same SSH: the provisioned pad, and a device that does not let us in.
        Path hosts = dir.resolve("fleet.txt");
        Files.writeString(hosts, "# device  ssh\npad-7 " + sshd.target() + "\nkiosk-9 nobody@127.0.0.1\n");
        Run fleet = Run.of(Run.Duration.seconds(120), List.of("bash", Path.of("bin/fleet").toAbsolutePath().toString(),
                "--hosts", hosts.toString(), "--port", Integer.toString(sshd.port), "--identity", sshd.clientKey.toString(),
                "--known-hosts", sshd.knownHosts.toString(), "--target-system", pi.resolve("fake-system").toString(),
                "--target-root", pi.toString()));
        System.out.println("fleet:\n" + fleet.output());
        assertThat(fleet.exit()).as(fleet.output()).isEqualTo(1);
        assertThat(fleet.output()).containsPattern("(?m)^pad-7 .* pad \\(0\\.1\\.0~snapshot\\) .* online since ")
                .as("the app's clock offset (its status's clockOffsetMs) and the release guard's verdict")
                .containsPattern("(?m)^pad-7 .* online since \\S+ +-?\\d+ ms .* healthy 0\\.1\\.0~snapshot at ")
                .containsPattern("(?m)^kiosk-9 .* unreachable: .*Permission denied");

        // A restart from the fleet command: the pad's service again, online again.
        long restartsBefore = Files.readAllLines(pi.resolve("var/lib/fake-system/calls")).stream()
                .filter(l -> l.equals("systemctl restart counterline-pad.service")).count();
        List<String> fleetCmd = List.of("bash", Path.of("bin/fleet").toAbsolutePath().toString(),
                "--hosts", hosts.toString(), "--port", Integer.toString(sshd.port), "--identity", sshd.clientKey.toString(),
                "--known-hosts", sshd.knownHosts.toString(), "--target-system", pi.resolve("fake-system").toString(),
                "--target-root", pi.toString());
        Run restart = Run.of(Run.Duration.seconds(120), concat(fleetCmd, "--restart", "pad-7"));
        assertThat(restart.exit()).as(restart.output()).isZero();
        assertThat(restart.output()).contains("pad-7: counterline-pad.service restarted, online");
        assertThat(Files.readAllLines(pi.resolve("var/lib/fake-system/calls")).stream()
                .filter(l -> l.equals("systemctl restart counterline-pad.service")).count()).isEqualTo(restartsBefore + 1);
        Run unknown = Run.of(Run.Duration.seconds(60), concat(fleetCmd, "--restart", "pad-99"));
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.output()).contains("pad-99 is not in " + hosts);
    }

    @Test
    void update_toAReleaseThatDoesNotComeOnline_thePiRollsBackByItself_andProvisionReportsIt() throws IOException {
        assertThat(provision(sshd.clientKey, "pad", "pad-7", "c1").exit()).isZero();
        assertThat(pi.resolve("var/cache/counterline/counterline-pad.deb")).exists();
        assertThat(Files.readString(pi.resolve("var/lib/counterline/release/pad.result"))).startsWith("healthy 0.1.0~snapshot ");

        Path bad = Releases.withVersion(PackagesIT.deb("pad", "arm64"), "0.1.1~bad", dir.resolve("bad"), true);
        Run update = provision(sshd.clientKey, "pad", "pad-7", "c1", bad, 15);
        System.out.println("bad update:\n" + update.output());
        assertThat(update.exit()).as(update.output()).isEqualTo(7);
        assertThat(update.output()).contains("counterline-pad 0.1.0~snapshot -> 0.1.1~bad",
                "0.1.1~bad -> 0.1.0~snapshot at ", "the Pi went back to 0.1.0~snapshot by itself, which is online");
        assertThat(Files.readAllLines(pi.resolve("var/lib/fake-system/installs")))
                .containsExactly("counterline-pad 0.1.0~snapshot", "counterline-pad 0.1.1~bad", "counterline-pad 0.1.0~snapshot");
        assertThat(pi.resolve("usr/share/counterline/pad/lib")).isDirectoryContaining("glob:**/rating-pad-app-*.jar");
        // The Pi's guard did it (its journal), and the kept release is still the one that came online.
        assertThat(Files.readString(pi.resolve("var/lib/fake-system/systemd-run.log")))
                .contains("counterline-pad rolled back from 0.1.1~bad to 0.1.0~snapshot (0.1.0~snapshot online)");
        assertThat(Run.of(Run.Duration.seconds(30), List.of("dpkg-deb", "-f",
                pi.resolve("var/cache/counterline/counterline-pad.deb").toString(), "Version")).ok().output().strip())
                .isEqualTo("0.1.0~snapshot");

        // What a technician at the Pi then reads: the rollback and why, the service back online.
        Run doctor = Run.of(Run.Duration.seconds(120), List.of("bash",
                pi.resolve("usr/share/counterline/pad/doctor").toString(), "--root", pi.toString(),
                "--system", pi.resolve("fake-system").toString()));
        System.out.println("doctor:\n" + doctor.output());
        assertThat(doctor.output()).contains("ok    service counterline-pad.service running",
                "ok    online: pad-7 connected to tcp://127.0.0.1:" + brokerPort,
                "FIX   an update was rolled back: 0.1.1~bad -> 0.1.0~snapshot at ", "its service failed",
                "journalctl -u counterline-pad-release-guard").containsPattern("ok    clock offset from the server: -?\\d+ ms");

        Run again = provision(sshd.clientKey, "pad", "pad-7", "c1");
        assertThat(again.output()).as(again.output()).contains("pad-7: no change, online");
    }

    /**
     * {@code counterline rollout} over the same SSH: a good release to the one device, then a
     * release that does not come online to pad-7 then pad-8 in tranches of 1: the Pi rolls pad-7
     * back, the roll-out stops there (exit 7) and pad-8 is never touched. (One "Pi" in this
     * harness, so the second device is registered but not installed: it must not be reached.)
     */
    @Test
    void rollout_goodReleaseReachesTheDevice_aBadOneStopsAtTheFirstRolledBackDevice() throws IOException {
        assertThat(provision(sshd.clientKey, "pad", "pad-7", "c1").exit()).isZero();
        Files.writeString(branch.resolve("etc/devices.conf"),
                "devices += { id = \"pad-8\", role = rating-pad, counter = \"c1\", secret = \"pad-8-secret-0001\" }\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path hosts = dir.resolve("fleet.txt");
        Files.writeString(hosts, "pad-7 " + sshd.target() + "\npad-8 " + sshd.target() + "\n");
        Path good = Releases.withVersion(PackagesIT.deb("pad", "arm64"), "0.1.1", dir.resolve("good"), false);
        Path bad = Releases.withVersion(PackagesIT.deb("pad", "arm64"), "0.1.2~bad", dir.resolve("bad"), true);

        Run unknown = rollout(hosts, good, "pad-7,pad-9", 60);
        assertThat(unknown.exit()).as(unknown.output()).isEqualTo(2);
        assertThat(unknown.output()).contains("pad-9 is not in " + hosts + "; nothing was updated");

        Run ok = rollout(hosts, good, "pad-7", 60);
        System.out.println("good rollout:\n" + ok.output());
        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("step 1/1: pad-7", "pad-7 | ", "counterline-pad 0.1.0~snapshot -> 0.1.1",
                "rollout: counterline-pad 0.1.1 on every device: pad-7");

        Run stopped = rollout(hosts, bad, "pad-7,pad-8", 15);
        System.out.println("bad rollout:\n" + stopped.output());
        assertThat(stopped.exit()).as(stopped.output()).isEqualTo(7);
        assertThat(stopped.output()).contains("in 2 steps", "step 1/2: pad-7", "counterline-pad 0.1.1 -> 0.1.2~bad",
                "STOPPED: 0.1.2~bad did not come online on pad-7", "not updated: pad-8")
                .doesNotContain("step 2/2");
        assertThat(Files.readAllLines(pi.resolve("var/lib/fake-system/installs"))).containsExactly(
                "counterline-pad 0.1.0~snapshot", "counterline-pad 0.1.1", "counterline-pad 0.1.2~bad",
                "counterline-pad 0.1.1");
        assertThat(Files.readString(pi.resolve("etc/hostname")).strip()).as("pad-8 never reached").isEqualTo("pad-7");
    }

    private Run rollout(Path hosts, Path pkg, String devices, int onlineTimeout) {
        return Run.of(Run.Duration.seconds(300), List.of("bash", Path.of("bin/rollout").toAbsolutePath().toString(),
                "--hosts", hosts.toString(), "--package", pkg.toString(), "--devices", devices, "--tranche", "1",
                "--port", Integer.toString(sshd.port), "--identity", sshd.clientKey.toString(),
                "--known-hosts", sshd.knownHosts.toString(), "--config", branch.resolve("etc/server.conf").toString(),
                "--broker-port", Integer.toString(brokerPort), "--online-timeout", Integer.toString(onlineTimeout),
                "--server-restart", branch.resolve("restart-server").toString(),
                "--target-sudo", "env", "--target-system", pi.resolve("fake-system").toString(),
                "--target-root", pi.toString()));
    }

    @Test
    void upgradeOnThePi_withNoOneWatching_theGuardGoesBackToTheKeptRelease() throws Exception {
        assertThat(provision(sshd.clientKey, "pad", "pad-7", "c1").exit()).isZero();
        // What an apt upgrade does on the Pi, without provision: install, restart, and the
        // postinst's "release-guard watch"; then no one waits on the Pi's behalf.
        Path bad = Releases.withVersion(PackagesIT.deb("pad", "arm64"), "0.1.1~bad", dir.resolve("bad"), true);
        String system = pi.resolve("fake-system").toString();
        long since = System.currentTimeMillis() / 1000;
        Run.of(Run.Duration.seconds(60), List.of(system, "apt-get", "install", "-y", bad.toString())).ok();
        Run.of(Run.Duration.seconds(60), List.of(system, "systemctl", "restart", "counterline-pad.service")).ok();
        Path guard = pi.resolve("usr/share/counterline/pad/release-guard");
        Run watch = Run.of(Run.Duration.seconds(60), List.of(guard.toString(), "watch", "--role", "pad",
                "--from", "0.1.0~snapshot", "--since", Long.toString(since), "--timeout", "15",
                "--system", system, "--root", pi.toString())).ok();
        assertThat(watch.output()).contains("counterline-pad 0.1.1~bad installed over 0.1.0~snapshot: watching it for 15s");

        Path result = pi.resolve("var/lib/counterline/release/pad.result");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120)).until(() -> Files.exists(result)
                && !Files.readString(result).isBlank());
        assertThat(Files.readString(result)).startsWith("rolled-back 0.1.1~bad -> 0.1.0~snapshot at ")
                .contains("its service failed", "; 0.1.0~snapshot online");
        assertThat(pi.resolve("var/lib/counterline/release/pad.pending")).doesNotExist();
        assertThat(Run.of(Run.Duration.seconds(30), List.of(guard.toString(), "status", "--role", "pad",
                "--root", pi.toString())).ok().output()).startsWith("rolled-back 0.1.1~bad");
        assertThat(Files.readString(pi.resolve("var/lib/fake-system/counterline-pad.version"))).isEqualTo("0.1.0~snapshot");
    }

    @Test
    void provision_refusedKey_saysSo_andChangesNothing() throws IOException {
        Path stranger = OpenSshServer.keyPair(dir, "stranger");
        Run run = provision(stranger, "pad", "pad-8", "c1");
        assertThat(run.exit()).as(run.output()).isEqualTo(3);
        assertThat(run.output()).contains("cannot log in to " + sshd.target(), "Permission denied", "Nothing was changed");
        assertNothingChanged();
    }

    @Test
    void provision_roleWithoutItsHardware_namesWhatIsMissing_andChangesNothing() throws IOException {
        Run run = provision(sshd.clientKey, "hall", "hall-2", null);
        assertThat(run.exit()).as(run.output()).isEqualTo(4);
        assertThat(run.output()).contains("lacks what a hall needs", "a screen", "a sound card", "Nothing was changed");
        assertNothingChanged();
    }

    @Test
    void provision_padWithItsOwnScreen_withoutAScreen_namesIt_andChangesNothing() throws IOException {
        Run run = provision(sshd.clientKey, "pad", "pad-8", "c1", null, 60, List.of("--pad-screen"));
        assertThat(run.exit()).as(run.output()).isEqualTo(4);
        assertThat(run.output()).contains("lacks what a pad needs", "a screen (--pad-screen)", "Nothing was changed")
                .doesNotContain("GPIO for the keys");
        assertNothingChanged();

        Run wrongRole = provision(sshd.clientKey, "kiosk", "kiosk-8", null, null, 60, List.of("--pad-screen"));
        assertThat(wrongRole.exit()).as(wrongRole.output()).isEqualTo(2);
        assertThat(wrongRole.output()).contains("--pad-screen is for a pad");
    }

    @Test
    void provision_wrongHost_saysSo() throws IOException {
        int closed = FreePort.find();
        Run run = Run.of(Run.Duration.seconds(60), List.of("bash", PROVISION.toString(), "--host", sshd.target(),
                "--port", Integer.toString(closed), "--role", "pad", "--device", "pad-9", "--counter", "c1",
                "--identity", sshd.clientKey.toString(), "--known-hosts", sshd.knownHosts.toString(),
                "--config", branch.resolve("etc/server.conf").toString()));
        assertThat(run.exit()).as(run.output()).isEqualTo(3);
        assertThat(run.output()).contains("cannot log in", "Connection refused");
        assertNothingChanged();
    }

    private void assertNothingChanged() throws IOException {
        assertThat(pi.resolve("etc/counterline")).doesNotExist();
        assertThat(pi.resolve("etc/hostname")).doesNotExist();
        assertThat(pi.resolve("usr")).doesNotExist();
        assertThat(branch.resolve("etc/devices.conf")).doesNotExist();
    }

    private Run provision(Path key, String role, String device, String counter) {
        return provision(key, role, device, counter, null, 60);
    }

    private Run provision(Path key, String role, String device, String counter, Path pkg, int onlineTimeout) {
        return provision(key, role, device, counter, pkg, onlineTimeout, List.of());
    }

    private Run provision(Path key, String role, String device, String counter, Path pkg, int onlineTimeout,
                          List<String> more) {
        List<String> cmd = new ArrayList<>(List.of("bash", PROVISION.toString(), "--host", sshd.target(),
                "--port", Integer.toString(sshd.port), "--identity", key.toString(),
                "--known-hosts", sshd.knownHosts.toString(), "--role", role, "--device", device,
                "--config", branch.resolve("etc/server.conf").toString(),
                "--broker-port", Integer.toString(brokerPort), "--online-timeout", Integer.toString(onlineTimeout),
                "--server-restart", branch.resolve("restart-server").toString(),
                "--target-sudo", "env", "--target-system", pi.resolve("fake-system").toString(),
                "--target-root", pi.toString()));
        Optional.ofNullable(counter).ifPresent(c -> cmd.addAll(List.of("--counter", c)));
        Optional.ofNullable(pkg).ifPresent(p -> cmd.addAll(List.of("--package", p.toString())));
        cmd.addAll(more);
        return Run.of(Run.Duration.seconds(240), cmd);
    }

    private static List<String> concat(List<String> command, String... more) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(more));
        return all;
    }

    private String secretOf(String device) throws IOException {
        Matcher m = Pattern.compile("id = \"" + device + "\".*secret = \"([^\"]+)\"")
                .matcher(Files.readString(branch.resolve("etc/devices.conf")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static void script(String resource, Path to, Map<String, String> values) throws IOException {
        try (InputStream in = ProvisionIT.class.getResourceAsStream(resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> e : values.entrySet()) {
                text = text.replace(e.getKey(), e.getValue());
            }
            Files.writeString(to, text);
        }
        to.toFile().setExecutable(true);
    }

    private static void stopPid(Path pidFile) throws IOException {
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroy();
                p.onExit().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> {
                    p.destroyForcibly();
                    return p;
                }).join();
            });
        }
    }
}
