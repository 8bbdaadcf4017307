package io.counterline.deploy;

import io.counterline.deploy.registry.DeviceRegistry;
import io.counterline.server.config.BadConfigException;
import io.counterline.server.config.BranchConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The branch side of {@code counterline provision} (deploy/bin/provision runs these): register a
 * device and hand its secret file to the SSH session. Exit 2 with a message on bad input.
 */
@Command(name = "counterline-deploy", mixinStandardHelpOptions = true,
        subcommands = {DeployMain.Register.class, DeployMain.SecretFile.class, DeployMain.Branch.class,
                DeployMain.Device.class, DeployMain.Plan.class})
public final class DeployMain {

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new DeployMain());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException || e instanceof BadConfigException) {
                cmd.getErr().println("provision: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }

    /** Registers the device if it is not yet; prints "added" or "unchanged" (never the secret). */
    @Command(name = "register")
    static final class Register implements Callable<Integer> {
        @Option(names = "--config", required = true) Path config;
        @Option(names = "--device", required = true) String device;
        @Option(names = "--role", required = true) String role;
        @Option(names = "--counter") String counter;

        @Override
        public Integer call() throws Exception {
            DeviceRegistry.Registration r = new DeviceRegistry(config).register(device, Role.of(role), Optional.ofNullable(counter));
            System.out.println(r.added() ? "added" : "unchanged");
            return 0;
        }
    }

    /** Writes the device's secret file to standard output, for the SSH session's standard input only. */
    @Command(name = "secret-file")
    static final class SecretFile implements Callable<Integer> {
        @Option(names = "--config", required = true) Path config;
        @Option(names = "--device", required = true) String device;

        @Override
        public Integer call() {
            byte[] file = new DeviceRegistry(config).secretFileOf(device).getBytes(StandardCharsets.UTF_8);
            System.out.write(file, 0, file.length);
            System.out.flush();
            return 0;
        }
    }

    /** Prints a registered device's package role and, for callers and pads, its counter: "pad c1". */
    @Command(name = "device")
    static final class Device implements Callable<Integer> {
        @Option(names = "--config", required = true) Path config;
        @Option(names = "--device", required = true) String device;

        @Override
        public Integer call() {
            BranchConfig.Device d = BranchConfig.load(config).device(device).orElseThrow(() ->
                    new IllegalArgumentException(device + " is not registered in this branch: provision it first"));
            Role role = java.util.Arrays.stream(Role.values()).filter(r -> r.device() == d.role()).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(device + " is a " + d.role().wire()
                            + ", which has no package"));
            System.out.println(role.packageRole() + d.counter().map(c -> " " + c).orElse(""));
            return 0;
        }
    }

    /** Prints a staged roll-out's tranches, one a line (deploy/bin/rollout). */
    @Command(name = "rollout-plan")
    static final class Plan implements Callable<Integer> {
        @Option(names = "--devices", required = true, split = ",") java.util.List<String> devices;
        @Option(names = "--tranche", defaultValue = "5") int tranche;

        @Override
        public Integer call() {
            System.out.print(RolloutPlan.of(devices, tranche).lines());
            return 0;
        }
    }

    /** Prints the branch id (for the device's configuration). */
    @Command(name = "branch")
    static final class Branch implements Callable<Integer> {
        @Option(names = "--config", required = true) Path config;

        @Override
        public Integer call() {
            System.out.println(BranchConfig.load(config).branch().id());
            return 0;
        }
    }
}
