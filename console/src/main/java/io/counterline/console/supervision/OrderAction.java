package io.counterline.console.supervision;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A step of a work order: from which states it may be taken and where it leads. Who may take it
 * is {@link WorkOrders}' business (supervisors assign, close and reopen; the owner starts and answers).
 */
public enum OrderAction {
    ASSIGN(EnumSet.of(OrderState.NEW, OrderState.ASSIGNED, OrderState.IN_PROGRESS), OrderState.ASSIGNED, "分派", "Assign"),
    START(EnumSet.of(OrderState.ASSIGNED), OrderState.IN_PROGRESS, "开始处理", "Start"),
    ANSWER(EnumSet.of(OrderState.IN_PROGRESS), OrderState.ANSWERED, "答复", "Answer"),
    CLOSE(EnumSet.of(OrderState.ANSWERED), OrderState.CLOSED, "办结", "Close"),
    REOPEN(EnumSet.of(OrderState.ANSWERED, OrderState.CLOSED), OrderState.ASSIGNED, "重新打开", "Reopen"),
    NOTE(EnumSet.allOf(OrderState.class), null, "备注", "Note");

    private final Set<OrderState> from;
    private final OrderState to;
    private final String zh;
    private final String en;

    OrderAction(Set<OrderState> from, OrderState to, String zh, String en) {
        this.from = from;
        this.to = to;
        this.zh = zh;
        this.en = en;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted actions */
    public static OrderAction of(String wire) {
        for (OrderAction a : values()) {
            if (a.wire().equals(wire)) {
                return a;
            }
        }
        throw new IllegalArgumentException("action '" + wire + "' is not one of assign, start, answer, close, reopen, note");
    }

    public boolean allowedFrom(OrderState state) {
        return from.contains(state);
    }

    /** The state after this step ({@code current} for a note). */
    public OrderState next(OrderState current) {
        return to == null ? current : to;
    }

    public String label(String lang) {
        return "zh".equals(lang) ? zh : en;
    }
}
