package io.counterline.console.supervision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One filled checklist: who, when, where, and each item's result. */
public record Inspection(long id, long checklistId, LocalDate day, String counter, String inspector, Instant at,
                         List<Item> items) {

    /** @param orderId the rectification work order of a failed item, or null */
    public record Item(int position, String item, boolean passed, String note, Long orderId) {
    }

    public long failed() {
        return items.stream().filter(i -> !i.passed()).count();
    }
}
