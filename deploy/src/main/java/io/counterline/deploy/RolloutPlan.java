package io.counterline.deploy;

import io.counterline.protocol.Ids;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The order of a staged roll-out ({@code counterline rollout}): the first device alone, then
 * tranches of at most {@code size} in the order given. The roll-out stops at the first tranche
 * with a device that did not take the new release, so a bad release reaches one device, not
 * the branch.
 */
public record RolloutPlan(List<List<String>> tranches) {
    /** More than a branch has; a bound on what a command line can ask. */
    static final int MAX_DEVICES = 1000;

    public RolloutPlan {
        tranches = tranches.stream().map(List::copyOf).toList();
    }

    /**
     * @throws IllegalArgumentException on an empty or too long list, a bad or repeated id, or a
     *                                  tranche size below 1
     */
    public static RolloutPlan of(List<String> devices, int size) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("--devices names no device");
        }
        if (devices.size() > MAX_DEVICES) {
            throw new IllegalArgumentException("--devices names " + devices.size() + " devices; at most " + MAX_DEVICES);
        }
        if (size < 1) {
            throw new IllegalArgumentException("--tranche must be at least 1, was " + size);
        }
        Set<String> seen = new HashSet<>();
        for (String d : devices) {
            String problem = Ids.problem(d);
            if (problem != null) {
                throw new IllegalArgumentException("--devices: '" + d + "' " + problem);
            }
            if (!seen.add(d)) {
                throw new IllegalArgumentException("--devices names " + d + " twice");
            }
        }
        List<List<String>> tranches = new ArrayList<>();
        tranches.add(List.of(devices.get(0)));
        for (int i = 1; i < devices.size(); i += size) {
            tranches.add(devices.subList(i, Math.min(devices.size(), i + size)));
        }
        return new RolloutPlan(tranches);
    }

    /** One tranche a line, its devices separated by spaces (what deploy/bin/rollout reads). */
    public String lines() {
        StringBuilder out = new StringBuilder();
        tranches.forEach(t -> out.append(String.join(" ", t)).append('\n'));
        return out.toString();
    }
}
