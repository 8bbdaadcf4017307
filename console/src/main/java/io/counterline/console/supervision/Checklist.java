package io.counterline.console.supervision;

import java.util.List;

/** A daily-inspection checklist the branch defined: a name and its items, in order. */
public record Checklist(long id, String name, List<String> items, String createdBy) {
    public Checklist {
        items = List.copyOf(items);
    }
}
