package io.counterline.console;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The branch as the console names it: its tellers, counters and services with display names,
 * given by the server that hosts the console (the branch file at a branch).
 *
 * @param rolloverHour the hour (branch time) at which the queue's business day begins
 *                     ({@code queue.rollover-hour}, docs/queue-policy.md): "today" in the console
 *                     is the queue's day, so that at 01:00 today's report still shows the day the
 *                     branch is serving
 */
public record BranchDirectory(String branchId, String branchName, ZoneId zone, List<Named> tellers,
                              List<Named> counters, List<Named> services, int rolloverHour) {

    /** An id with the name people know it by. */
    public record Named(String id, String name) {
    }

    /** A directory whose day begins at midnight (head office, tests). */
    public BranchDirectory(String branchId, String branchName, ZoneId zone, List<Named> tellers, List<Named> counters,
                           List<Named> services) {
        this(branchId, branchName, zone, tellers, counters, services, 0);
    }

    public BranchDirectory {
        if (rolloverHour < 0 || rolloverHour > 23) {
            throw new IllegalArgumentException("rolloverHour must be 0..23, was " + rolloverHour);
        }
        tellers = List.copyOf(tellers);
        counters = List.copyOf(counters);
        services = List.copyOf(services);
    }

    /** The same branch with another list of tellers (as changed in the console). */
    public BranchDirectory withTellers(List<Named> newTellers) {
        return new BranchDirectory(branchId, branchName, zone, newTellers, counters, services, rolloverHour);
    }

    /** The same branch with other counters and services (as named in the console). */
    public BranchDirectory withPlaces(List<Named> newCounters, List<Named> newServices) {
        return new BranchDirectory(branchId, branchName, zone, tellers, newCounters, newServices, rolloverHour);
    }

    /** The queue's business day at the clock's instant: the branch date, shifted by the rollover hour. */
    public LocalDate today(Clock clock) {
        return clock.instant().atZone(zone).minusHours(rolloverHour).toLocalDate();
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
