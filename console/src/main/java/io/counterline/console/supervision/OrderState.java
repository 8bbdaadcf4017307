package io.counterline.console.supervision;

import java.util.Locale;

/**
 * Where a work order stands. new → assigned → in progress → answered → closed; a supervisor may
 * reassign before the answer and reopen an answered or closed order (back to assigned, with a
 * new round of deadline and notices).
 */
public enum OrderState {
    NEW("新建", "New"),
    ASSIGNED("已分派", "Assigned"),
    IN_PROGRESS("处理中", "In progress"),
    ANSWERED("已答复", "Answered"),
    CLOSED("已办结", "Closed");

    private final String zh;
    private final String en;

    OrderState(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static OrderState of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public String label(String lang) {
        return "zh".equals(lang) ? zh : en;
    }

    /** Whether the deadline still runs (the escalator watches it). */
    public boolean open() {
        return this == NEW || this == ASSIGNED || this == IN_PROGRESS;
    }
}
