package io.counterline.caller.supervision;

import io.counterline.protocol.Bodies;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The words of work orders and their notices on the teller's screen, in both languages. */
public final class OrderTexts {
    /** A category the teller can pick at the counter, in the order of the keys 1–4. */
    public record Category(String id, String zh, String en) {
        public String label() {
            return zh + " " + en;
        }
    }

    /**
     * The console's categories a customer brings to the counter (rectification comes from
     * inspections only); the server refuses one it does not know (docs/supervision.md).
     */
    public static final List<Category> CATEGORIES = List.of(new Category("complaint", "投诉", "Complaint"),
            new Category("consultation", "咨询", "Question"), new Category("suggestion", "建议", "Suggestion"),
            new Category("praise", "表扬", "Praise"));

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private OrderTexts() {
    }

    /** The green line after {@code order.create}: "已登记工单 #12 投诉 A012，期限 12-14 11:00 …". */
    public static String created(Bodies.OrderCreated o) {
        String ticket = o.ticket() == null ? "" : " " + o.ticket();
        String due = when(o.deadline());
        return "已登记工单 #" + o.order() + " " + categoryZh(o.category()) + ticket + "，期限 " + due
                + "  Work order #" + o.order() + " registered, due " + due;
    }

    /** One line of the notice strip: "督办 Overdue  #12 投诉 Complaint  期限 Due 12-14 11:00". */
    public static String notice(Bodies.SupervisionNotice n) {
        String level = switch (n.level()) {
            case "reminder" -> "催办 Due soon";
            case "notice" -> "督办 Overdue";
            case "second" -> "二级督办 Overdue, 2nd level";
            default -> n.level();
        };
        String more = n.suppressed() == 0 ? "" : "  另有 " + n.suppressed() + " 条见控制台 / " + n.suppressed()
                + " more in the console";
        return level + "  #" + n.order() + " " + categoryZh(n.category()) + " " + categoryEn(n.category())
                + "  期限 Due " + when(n.deadline()) + more;
    }

    private static String categoryZh(String id) {
        return CATEGORIES.stream().filter(c -> c.id().equals(id)).findFirst().map(Category::zh).orElse(id);
    }

    private static String categoryEn(String id) {
        return CATEGORIES.stream().filter(c -> c.id().equals(id)).findFirst().map(Category::en).orElse("");
    }

    /** In the device's time zone, which is the branch's (the Pi is set to local time). */
    private static String when(Instant at) {
        return WHEN.format(at.atZone(ZoneId.systemDefault()));
    }
}
