package io.counterline.console.recording;

import java.util.Map;

/** The recordings pages' words in Chinese and English. */
final class RecordingTexts {
    private static final Map<String, String[]> WORDS = Map.ofEntries(
            Map.entry("recordings", new String[] {"柜台录音", "Recordings"}),
            Map.entry("recording", new String[] {"录音", "Recording"}),
            Map.entry("ticket", new String[] {"票号", "Ticket"}),
            Map.entry("teller", new String[] {"柜员", "Teller"}),
            Map.entry("counter", new String[] {"柜台", "Counter"}),
            Map.entry("from", new String[] {"从", "From"}),
            Map.entry("to", new String[] {"到", "To"}),
            Map.entry("rating", new String[] {"评价", "Rating"}),
            Map.entry("order", new String[] {"工单", "Work order"}),
            Map.entry("search", new String[] {"查询", "Search"}),
            Map.entry("time", new String[] {"时间", "Time"}),
            Map.entry("duration", new String[] {"时长", "Length"}),
            Map.entry("holds", new String[] {"保全", "Legal hold"}),
            Map.entry("state", new String[] {"状态", "State"}),
            Map.entry("ready", new String[] {"编码中", "Encoding"}),
            Map.entry("stored", new String[] {"已存储", "Stored"}),
            Map.entry("failed", new String[] {"编码失败（原始分段保留）", "Encoding failed (segments kept)"}),
            Map.entry("purged", new String[] {"已清除", "Purged"}),
            Map.entry("play", new String[] {"播放", "Play"}),
            Map.entry("download", new String[] {"下载", "Download"}),
            Map.entry("hold", new String[] {"保全（工单）", "Hold for work order"}),
            Map.entry("release", new String[] {"解除保全", "Release hold"}),
            Map.entry("channels", new String[] {"左声道：柜员；右声道：客户", "Left channel: teller; right: customer"}),
            Map.entry("no-recording", new String[] {"没有这条录音", "No such recording"}),
            Map.entry("not-allowed", new String[] {"您的角色无权执行此操作", "Your role may not do this"}),
            Map.entry("live", new String[] {"实时监听", "Live listening"}),
            Map.entry("live-start", new String[] {"开始监听", "Listen"}),
            Map.entry("live-stop", new String[] {"停止", "Stop"}),
            Map.entry("live-off", new String[] {"未监听", "Not listening"}),
            Map.entry("storage", new String[] {"存储", "Storage"}),
            Map.entry("stored-bytes", new String[] {"已存储", "Stored"}),
            Map.entry("rate", new String[] {"近 7 天速率", "Rate (last 7 days)"}),
            Map.entry("day", new String[] {"天", "day"}),
            Map.entry("days", new String[] {"天", "days"}),
            Map.entry("retention", new String[] {"保留天数", "Retention (days)"}),
            Map.entry("disk-days", new String[] {"按当前速率磁盘可用", "Free disk lasts at this rate"}),
            Map.entry("save", new String[] {"保存", "Save"}),
            Map.entry("purge", new String[] {"立即清除过期录音", "Purge expired recordings now"}));

    private RecordingTexts() {
    }

    static String of(String lang, String key) {
        String[] w = WORDS.get(key);
        if (w == null) {
            return key;
        }
        return "zh".equals(lang) ? w[0] : w[1];
    }
}
