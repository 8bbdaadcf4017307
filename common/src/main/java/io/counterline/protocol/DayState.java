package io.counterline.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Retained on {@code state/day}: the branch's business day.
 *
 * @param businessDay ISO date in the branch time zone, e.g. "2026-11-22"
 * @param zone        the branch time zone, e.g. "Asia/Shanghai"
 * @param branchName  the name printed on slips and shown on displays
 */
public record DayState(@JsonProperty(required = true) int v, String branch, String branchName,
                       String businessDay, String zone, Instant startedAt) {
    public DayState {
        Check.version(v);
        Check.id(branch, "branch");
        Check.text(branchName, "branchName", 60);
        Check.text(businessDay, "businessDay", 10);
        Check.text(zone, "zone", 64);
        Check.present(startedAt, "startedAt");
    }
}
