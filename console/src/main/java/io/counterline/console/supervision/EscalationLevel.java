package io.counterline.console.supervision;

import java.util.Locale;

/**
 * The escalator's levels for an order still open: a reminder to the owner before the deadline
 * (催办), a supervision notice to the branch manager at the deadline (督办), and a second level
 * to the branch manager and the admin a further limit after it (二级督办).
 */
public enum EscalationLevel {
    REMINDER("催办", "Reminder"),
    NOTICE("督办", "Supervision notice"),
    SECOND("二级督办", "Second-level notice");

    private final String zh;
    private final String en;

    EscalationLevel(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label(String lang) {
        return "zh".equals(lang) ? zh : en;
    }
}
