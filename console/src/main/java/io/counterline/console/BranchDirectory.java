package io.counterline.console;

import java.time.ZoneId;
import java.util.List;

/**
 * The branch as the console names it: its tellers, counters and services with display names,
 * given by the server that hosts the console (the branch file at a branch).
 */
public record BranchDirectory(String branchId, String branchName, ZoneId zone, List<Named> tellers,
                              List<Named> counters, List<Named> services) {

    /** An id with the name people know it by. */
    public record Named(String id, String name) {
    }

    public BranchDirectory {
        tellers = List.copyOf(tellers);
        counters = List.copyOf(counters);
        services = List.copyOf(services);
    }

    /** The same branch with another list of tellers (as changed in the console). */
    public BranchDirectory withTellers(List<Named> newTellers) {
        return new BranchDirectory(branchId, branchName, zone, newTellers, counters, services);
    }

    public String tellerName(String id) {
        return nameIn(tellers, id);
    }

    public String counterName(String id) {
        return nameIn(counters, id);
    }

    public String serviceName(String id) {
        return nameIn(services, id);
    }

    private static String nameIn(List<Named> list, String id) {
        if (id == null) {
            return "";
        }
        return list.stream().filter(n -> n.id().equals(id)).map(Named::name).findFirst().orElse(id);
    }
}
