package io.counterline.server.testing;

import io.counterline.console.auth.Role;
import io.counterline.console.auth.Scope;
import io.counterline.console.auth.User;
import io.counterline.console.supervision.OrderAction;
import io.counterline.console.supervision.WorkOrders;
import io.counterline.server.BranchServer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Work orders dealt with in a running branch server's console, as its branch manager does there. */
public final class ConsoleOrders {
    /** The customer's contact on the order: it must never leave the branch. */
    public static final String CONTACT = "138-1234-5678";
    /** The order's description: it must never leave the branch either. */
    public static final String DESCRIPTION = "客户投诉等候太久";

    /** The branch manager who took the order, and the order's id. */
    public record Taken(User boss, long order) {
    }

    private ConsoleOrders() {
    }

    /**
     * Adds the branch manager {@code boss}, who takes a complaint by phone about teller t1 at c1,
     * assigns it to themselves, starts, answers and closes it (five committed changes).
     */
    public static Taken complaintTakenAndClosed(BranchServer server) throws Exception {
        var console = server.console().orElseThrow().console();
        console.users().add("test", "-", "boss", "经理", Role.BRANCH_MANAGER, Scope.BRANCH, Optional.empty(), "zh",
                "correct horse battery staple").get(30, TimeUnit.SECONDS);
        User boss = console.users().find("boss").orElseThrow();
        WorkOrders orders = console.supervision().orders();
        long order = orders.create(boss, "-", new WorkOrders.Draft("complaint", "phone", "normal", DESCRIPTION, CONTACT,
                null, "c1", "t1", null, null));
        for (OrderAction step : List.of(OrderAction.ASSIGN, OrderAction.START, OrderAction.ANSWER, OrderAction.CLOSE)) {
            orders.act(boss, "-", order, step, step == OrderAction.ASSIGN ? "boss" : null, "已致电致歉");
        }
        return new Taken(boss, order);
    }
}
