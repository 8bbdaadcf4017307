package io.counterline.headoffice.console;

import java.util.Locale;

/**
 * What head office compares branches by. Each is computed from the daily rollups ({@link Totals})
 * the same way on every page, and a target for it is bounded where the form enters it.
 */
public enum Measure {
    ISSUED("issued", "取号量", "Tickets issued", true, 10_000_000),
    SERVED("served", "办结量", "Tickets served", true, 10_000_000),
    WAIT("wait", "平均等候（秒）", "Mean wait (s)", false, 86_400),
    SATISFACTION("satisfaction", "满意率（%）", "Satisfaction (%)", true, 100);

    private final String wire;
    private final String zh;
    private final String en;
    private final boolean higherIsBetter;
    private final double maxTarget;

    Measure(String wire, String zh, String en, boolean higherIsBetter, double maxTarget) {
        this.wire = wire;
        this.zh = zh;
        this.en = en;
        this.higherIsBetter = higherIsBetter;
        this.maxTarget = maxTarget;
    }

    public String wire() {
        return wire;
    }

    public String label(String lang) {
        return "zh".equals(lang) ? zh : en;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public double maxTarget() {
        return maxTarget;
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static Measure of(String wire) {
        for (Measure m : values()) {
            if (m.wire.equals(wire == null ? "" : wire.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("measure must be one of issued, served, wait, satisfaction");
    }
}
