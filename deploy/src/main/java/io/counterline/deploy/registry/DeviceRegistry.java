package io.counterline.deploy.registry;

import io.counterline.deploy.Role;
import io.counterline.protocol.Ids;
import io.counterline.server.config.BadConfigException;
import io.counterline.server.config.BranchConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The branch's devices as provisioning registers them: {@code devices.conf} beside the branch
 * configuration, which includes it ({@code include "devices.conf"}), one
 * {@code devices += {...}} line per device. The file holds secrets: mode 0640, owner and group
 * those of the branch configuration (root and the service's group on a branch server).
 *
 * <p>Registering is idempotent: a device already there keeps its secret (its Pi may be
 * provisioned again, or replaced by a new Pi that takes over its id). A change is checked by
 * loading the whole branch configuration, and undone if it does not load.
 */
public final class DeviceRegistry {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path branchConfig;
    private final Path file;

    public DeviceRegistry(Path branchConfig) {
        this.branchConfig = branchConfig;
        this.file = branchConfig.toAbsolutePath().resolveSibling("devices.conf");
    }

    /** @param added false when the device was registered already (nothing written) */
    public record Registration(BranchConfig.Device device, boolean added) {
    }

    public Registration register(String id, Role role, Optional<String> counter) throws IOException {
        Ids.require("device", id);
        counter.ifPresent(c -> Ids.require("counter", c));
        if (role.atCounter() && counter.isEmpty()) {
            throw new IllegalArgumentException("a " + role.packageRole() + " belongs to a counter: give --counter");
        }
        BranchConfig before = BranchConfig.load(branchConfig);
        Optional<BranchConfig.Device> existing = before.device(id);
        if (existing.isPresent()) {
            BranchConfig.Device d = existing.get();
            if (d.role() != role.device() || !d.counter().equals(role.atCounter() ? counter : Optional.empty())) {
                throw new IllegalArgumentException("device " + id + " is registered as " + d.role().wire()
                        + d.counter().map(c -> " at counter " + c).orElse("") + ", not as " + role.device().wire()
                        + counter.map(c -> " at counter " + c).orElse("") + "; choose another id");
            }
            return new Registration(d, false);
        }
        if (!Files.readString(branchConfig).contains("include \"devices.conf\"")) {
            throw new IllegalStateException(branchConfig + " does not include devices.conf: add the line"
                    + " include \"devices.conf\" after its devices list");
        }
        String secret = newSecret();
        String line = "devices += { id = \"" + id + "\", role = " + role.device().wire()
                + (role.atCounter() ? ", counter = \"" + counter.orElseThrow() + "\"" : "")
                + ", secret = \"" + secret + "\" }\n";
        String old = Files.exists(file) ? Files.readString(file) : "# Devices registered by counterline provision; secrets: keep this file 0640.\n";
        write(old + line);
        try {
            BranchConfig after = BranchConfig.load(branchConfig);
            return new Registration(after.device(id).orElseThrow(), true);
        } catch (BadConfigException | IllegalStateException e) {
            write(old);
            throw e;
        }
    }

    /** The secret file a device includes, {@code broker.secret = "..."}. */
    public String secretFileOf(String id) {
        BranchConfig.Device d = BranchConfig.load(branchConfig).device(id)
                .orElseThrow(() -> new IllegalArgumentException("device " + id + " is not registered"));
        return "# " + id + "'s broker secret, written by counterline provision (mode 0600).\nbroker.secret = \""
                + d.secret() + "\"\n";
    }

    private void write(String content) throws IOException {
        Path tmp = file.resolveSibling(".devices.conf.tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        PosixFileAttributes owner = Files.readAttributes(branchConfig, PosixFileAttributes.class);
        PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (!view.readAttributes().owner().equals(owner.owner()) || !view.readAttributes().group().equals(owner.group())) {
            view.setOwner(owner.owner());
            view.setGroup(owner.group());
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** 18 random bytes, URL-safe Base64: 24 characters, well over the 12 the branch requires. */
    static String newSecret() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
