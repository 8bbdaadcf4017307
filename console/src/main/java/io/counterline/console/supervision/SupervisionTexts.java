package io.counterline.console.supervision;

import java.util.Map;

/** Supervision's words in Chinese and English (the console's own are in {@code web.Texts}). */
public final class SupervisionTexts {
    private static final Map<String, String[]> WORDS = Map.ofEntries(
            Map.entry("supervision", new String[] {"服务督办", "Supervision"}),
            Map.entry("orders", new String[] {"工单", "Work orders"}),
            Map.entry("order", new String[] {"工单", "Work order"}),
            Map.entry("new-order", new String[] {"新建工单", "New work order"}),
            Map.entry("create", new String[] {"创建", "Create"}),
            Map.entry("category", new String[] {"类别", "Category"}),
            Map.entry("channel", new String[] {"渠道", "Channel"}),
            Map.entry("counter-channel", new String[] {"柜面", "Counter"}),
            Map.entry("phone", new String[] {"电话", "Phone"}),
            Map.entry("letter", new String[] {"信函", "Letter"}),
            Map.entry("rating", new String[] {"评价器", "Rating pad"}),
            Map.entry("inspection-channel", new String[] {"日常检查", "Inspection"}),
            Map.entry("priority", new String[] {"优先级", "Priority"}),
            Map.entry("normal", new String[] {"普通", "Normal"}),
            Map.entry("high", new String[] {"高", "High"}),
            Map.entry("urgent", new String[] {"紧急", "Urgent"}),
            Map.entry("description", new String[] {"内容", "Description"}),
            Map.entry("contact", new String[] {"客户联系方式", "Customer contact"}),
            Map.entry("voice-note", new String[] {"口述留言", "Voice note"}),
            Map.entry("voice-note-hint", new String[] {"柜员口述，未转文字；上传并编码后可播放",
                    "Dictated by the teller, not transcribed; playable once uploaded and encoded"}),
            Map.entry("contact-hidden", new String[] {"（仅督导与承办人可见）", "(shown to supervisors and the owner only)"}),
            Map.entry("ticket", new String[] {"票号", "Ticket"}),
            Map.entry("counter", new String[] {"窗口", "Counter"}),
            Map.entry("teller", new String[] {"涉及柜员", "Teller concerned"}),
            Map.entry("owner", new String[] {"承办人", "Owner"}),
            Map.entry("deadline", new String[] {"办理时限", "Deadline"}),
            Map.entry("deadline-default", new String[] {"（空 = 按类别时限）", "(empty = the category's limit)"}),
            Map.entry("state", new String[] {"状态", "State"}),
            Map.entry("overdue", new String[] {"已超时", "Overdue"}),
            Map.entry("history", new String[] {"办理记录", "History"}),
            Map.entry("when", new String[] {"时间", "When"}),
            Map.entry("who", new String[] {"操作人", "Who"}),
            Map.entry("step", new String[] {"操作", "Step"}),
            Map.entry("note", new String[] {"说明", "Note"}),
            Map.entry("none", new String[] {"无", "none"}),
            Map.entry("notices", new String[] {"催办与督办", "Reminders and notices"}),
            Map.entry("level", new String[] {"级别", "Level"}),
            Map.entry("recipient", new String[] {"接收人", "To"}),
            Map.entry("due", new String[] {"应发时间", "Due"}),
            Map.entry("raised", new String[] {"发出时间", "Raised"}),
            Map.entry("calendar", new String[] {"营业日历", "Business calendar"}),
            Map.entry("day", new String[] {"日期", "Day"}),
            Map.entry("kind", new String[] {"类型", "Kind"}),
            Map.entry("holiday", new String[] {"节假日", "Holiday"}),
            Map.entry("workday", new String[] {"调休上班", "Make-up working day"}),
            Map.entry("save", new String[] {"保存", "Save"}),
            Map.entry("remove", new String[] {"删除", "Remove"}),
            Map.entry("settings", new String[] {"督办设置", "Supervision settings"}),
            Map.entry("workday-start", new String[] {"上班时间", "Working day starts"}),
            Map.entry("workday-end", new String[] {"下班时间", "Working day ends"}),
            Map.entry("reminder-before", new String[] {"到期前催办", "Reminder before deadline"}),
            Map.entry("second-level-after", new String[] {"超时后二级督办", "Second level after deadline"}),
            Map.entry("order-on-dissatisfied", new String[] {"不满意评价自动生成工单", "Order on each dissatisfied rating"}),
            Map.entry("limit", new String[] {"时限", "Limit"}),
            Map.entry("categories", new String[] {"工单类别", "Categories"}),
            Map.entry("complaint", new String[] {"投诉", "Complaint"}),
            Map.entry("report", new String[] {"督办报表", "Supervision report"}),
            Map.entry("total", new String[] {"合计", "Total"}),
            Map.entry("answered", new String[] {"已答复", "Answered"}),
            Map.entry("closed", new String[] {"已办结", "Closed"}),
            Map.entry("on-time-rate", new String[] {"按时率", "On-time rate"}),
            Map.entry("hours-to-answer", new String[] {"平均答复用时(小时)", "Mean hours to answer"}),
            Map.entry("hours-to-close", new String[] {"平均办结用时(小时)", "Mean hours to close"}),
            Map.entry("from", new String[] {"起", "From"}),
            Map.entry("to", new String[] {"止", "To"}),
            Map.entry("show", new String[] {"查询", "Show"}),
            Map.entry("print", new String[] {"打印", "Print"}),
            Map.entry("notebook", new String[] {"纠错本", "Correction notebook"}),
            Map.entry("new-note", new String[] {"记录不规范操作", "Record a non-standard operation"}),
            Map.entry("observed", new String[] {"不规范操作", "What was done"}),
            Map.entry("procedure", new String[] {"规范做法", "The right procedure"}),
            Map.entry("review", new String[] {"班后讲评（不具名）", "After-shift review (no names)"}),
            Map.entry("procedure-counts", new String[] {"各规范做法出现次数", "Times per procedure"}),
            Map.entry("orders-n", new String[] {"次数", "Times"}),
            Map.entry("now-if-empty", new String[] {"（空 = 现在）", "(empty = now)"}),
            Map.entry("inspection", new String[] {"日常检查", "Inspection"}),
            Map.entry("inspections", new String[] {"日常检查", "Inspections"}),
            Map.entry("checklist", new String[] {"检查表", "Checklist"}),
            Map.entry("new-checklist", new String[] {"新增检查表", "New checklist"}),
            Map.entry("items", new String[] {"检查项", "Items"}),
            Map.entry("items-one-a-line", new String[] {"检查项（每行一项）", "Items (one a line)"}),
            Map.entry("fill", new String[] {"填写", "Fill in"}),
            Map.entry("pass", new String[] {"合格", "Pass"}),
            Map.entry("fail", new String[] {"不合格", "Fail"}),
            Map.entry("failed", new String[] {"不合格项", "Failed"}),
            Map.entry("pass-rate", new String[] {"合格率", "Pass rate"}),
            Map.entry("daily", new String[] {"每日汇总", "Daily summary"}),
            Map.entry("weekly", new String[] {"每周汇总", "Weekly summary"}),
            Map.entry("week-of", new String[] {"周（周一）", "Week of"}),
            Map.entry("owner-if-failed", new String[] {"整改承办人（不合格时）", "Rectification owner (if failed)"}));

    private SupervisionTexts() {
    }

    public static String of(String language, String key) {
        String[] w = WORDS.get(key);
        if (w == null) {
            throw new IllegalArgumentException("no text '" + key + "'");
        }
        return "zh".equals(language) ? w[0] : w[1];
    }

    /** A channel's name ({@code counter} has its own key, the console's "counter" is a counter). */
    public static String channel(String language, String channel) {
        return of(language, "counter".equals(channel) || "inspection".equals(channel) ? channel + "-channel" : channel);
    }
}
