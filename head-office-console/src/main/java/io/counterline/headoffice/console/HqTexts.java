package io.counterline.headoffice.console;

import java.util.Map;

/** The head-office pages' words in Chinese and English (the console's {@code Texts} holds the branch's). */
final class HqTexts {
    private static final Map<String, String[]> WORDS = Map.ofEntries(
            Map.entry("status", new String[] {"网点实时状态", "Branch status"}),
            Map.entry("targets", new String[] {"目标", "Targets"}),
            Map.entry("plan", new String[] {"对比计划", "Against plan"}),
            Map.entry("last-year", new String[] {"同比（上年可比期）", "Against last year"}),
            Map.entry("siblings", new String[] {"同组网点对比", "Against sibling branches"}),
            Map.entry("branch-ranking", new String[] {"网点排名", "Branch ranking"}),
            Map.entry("teller-ranking", new String[] {"柜员排名（全辖）", "Teller ranking (all branches)"}),
            Map.entry("branch", new String[] {"网点", "Branch"}),
            Map.entry("name", new String[] {"名称", "Name"}),
            Map.entry("region", new String[] {"区域", "Region"}),
            Map.entry("size", new String[] {"规模组", "Size group"}),
            Map.entry("online", new String[] {"在线", "Online"}),
            Map.entry("yes", new String[] {"是", "yes"}),
            Map.entry("no", new String[] {"否", "no"}),
            Map.entry("last-fact", new String[] {"最近数据", "Last fact"}),
            Map.entry("waiting", new String[] {"等候中", "Waiting"}),
            Map.entry("open-counters", new String[] {"开放窗口", "Open counters"}),
            Map.entry("issued-today", new String[] {"今日取号", "Issued today"}),
            Map.entry("served-today", new String[] {"今日办结", "Served today"}),
            Map.entry("month", new String[] {"月份", "Month"}),
            Map.entry("measure", new String[] {"指标", "Measure"}),
            Map.entry("value", new String[] {"数值", "Value"}),
            Map.entry("actual", new String[] {"实际", "Actual"}),
            Map.entry("target", new String[] {"目标", "Target"}),
            Map.entry("of-target", new String[] {"完成率", "% of target"}),
            Map.entry("met", new String[] {"达标", "Met"}),
            Map.entry("sample", new String[] {"样本量", "Sample (n)"}),
            Map.entry("small", new String[] {"样本少", "small sample"}),
            Map.entry("this-period", new String[] {"本期", "This period"}),
            Map.entry("comparable", new String[] {"上年可比期", "Comparable period last year"}),
            Map.entry("change", new String[] {"变化", "Change"}),
            Map.entry("group", new String[] {"组", "Group"}),
            Map.entry("group-value", new String[] {"组合计值", "Group (pooled)"}),
            Map.entry("difference", new String[] {"差值", "Difference"}),
            Map.entry("rank-in-group", new String[] {"组内名次", "Rank in group"}),
            Map.entry("rank", new String[] {"名次", "Rank"}),
            Map.entry("teller", new String[] {"柜员", "Teller"}),
            Map.entry("satisfaction", new String[] {"满意率（%）", "Satisfaction (%)"}),
            Map.entry("ratings", new String[] {"评价数", "Ratings"}),
            Map.entry("served", new String[] {"办结量", "Served"}),
            Map.entry("unranked", new String[] {"样本不足，不参与排名", "Too few to rank"}),
            Map.entry("show", new String[] {"显示", "Show"}),
            Map.entry("save", new String[] {"保存", "Save"}),
            Map.entry("set-by", new String[] {"设定人", "Set by"}),
            Map.entry("by", new String[] {"分组", "Group by"}),
            Map.entry("reports", new String[] {"网点报表", "Branch reports"}),
            Map.entry("from", new String[] {"自", "From"}),
            Map.entry("to", new String[] {"至", "To"}),
            Map.entry("out-of-scope", new String[] {"该网点不在您的范围内", "This branch is outside your scope"}),
            Map.entry("head-office", new String[] {"总行", "Head office"}),
            Map.entry("total", new String[] {"合计", "Total"}),
            Map.entry("work-orders", new String[] {"督办工单（按创建日）", "Work orders (by day created)"}),
            Map.entry("category", new String[] {"类别", "Category"}),
            Map.entry("opened", new String[] {"新建", "Opened"}),
            Map.entry("answered", new String[] {"已答复", "Answered"}),
            Map.entry("on-time", new String[] {"按时答复", "Answered on time"}),
            Map.entry("on-time-rate", new String[] {"按时率（%）", "On-time rate (%)"}),
            Map.entry("closed", new String[] {"已办结", "Closed"}),
            Map.entry("overdue-now", new String[] {"当前超期", "Overdue now"}),
            Map.entry("inspections", new String[] {"日常检查", "Inspections"}),
            Map.entry("days", new String[] {"天数", "Days"}),
            Map.entry("days-inspected", new String[] {"有检查天数", "Days inspected"}),
            Map.entry("items", new String[] {"检查项", "Items"}),
            Map.entry("failed", new String[] {"不合格", "Failed"}),
            Map.entry("pass-rate", new String[] {"合格率（%）", "Pass rate (%)"}),
            Map.entry("corrections", new String[] {"纠错本（按规范操作）", "Correction notebook (by procedure)"}),
            Map.entry("procedure", new String[] {"规范操作", "Procedure"}),
            Map.entry("times", new String[] {"次数", "Times"}),
            Map.entry("device-health", new String[] {"设备健康（日汇总）", "Device health (daily summaries)"}),
            Map.entry("device", new String[] {"设备", "Device"}),
            Map.entry("hours-ok", new String[] {"正常（小时）", "OK (h)"}),
            Map.entry("hours-degraded", new String[] {"降级（小时）", "Degraded (h)"}),
            Map.entry("hours-offline", new String[] {"离线（小时）", "Offline (h)"}),
            Map.entry("hours-config-error", new String[] {"配置错误（小时）", "Config error (h)"}),
            Map.entry("hours-unknown", new String[] {"未知（小时）", "Unknown (h)"}),
            Map.entry("worst", new String[] {"最差状态", "Worst"}),
            Map.entry("last-report", new String[] {"最近上报", "Last report"}),
            Map.entry("config", new String[] {"网点配置下发", "Branch configuration"}),
            Map.entry("published", new String[] {"已发布版本", "Published version"}),
            Map.entry("sent", new String[] {"已发送", "Sent to cluster"}),
            Map.entry("running", new String[] {"网点运行版本", "Version running"}),
            Map.entry("pending", new String[] {"待生效版本（等待的业务）", "Pending (services waiting)"}),
            Map.entry("refused", new String[] {"被拒版本：原因", "Refused: reason"}),
            Map.entry("reported", new String[] {"网点报告时间", "Reported at"}),
            Map.entry("document", new String[] {"配置文档（JSON）", "Configuration (JSON)"}),
            Map.entry("publish-to", new String[] {"发布到", "Publish to"}),
            Map.entry("publish", new String[] {"发布新版本", "Publish a new version"}),
            Map.entry("config-note", new String[] {"网点在安全时机生效：业务的改名或停用等到该业务没有等候或办理中的号票（最迟在次日换日后），柜员、营业日历和大厅公告（signage，仅文字，最多 20 条）立即生效；文档不含 signage 即撤下总行公告。网点和版本号由总行设定。",
                    "A branch applies a version at a safe moment: a service is renamed or disabled once none of its"
                            + " tickets waits or is being served (at the latest after the next business-day rollover);"
                            + " tellers, the business calendar and the hall notices (signage: text only, at most 20) at once;"
                            + " a document without signage takes head office's notices down. Branch and version are set by"
                            + " head office."}),
            Map.entry("lunar-rule", new String[] {"一、二月按春节对齐：与上年春节相隔天数相同的日期；其他月份为上年同日。",
                    "January and February align on the Spring Festival (the day as many days from last year's"
                            + " festival); other months compare with the same dates last year."}));

    private HqTexts() {
    }

    static String of(String lang, String key) {
        String[] w = WORDS.get(key);
        if (w == null) {
            throw new IllegalArgumentException("no text " + key);
        }
        return "zh".equals(lang) ? w[0] : w[1];
    }
}
