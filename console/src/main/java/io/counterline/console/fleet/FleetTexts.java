package io.counterline.console.fleet;

import io.counterline.console.web.Texts;
import java.util.Map;

/** The fleet page's words in Chinese and English (the console's own are in {@code web.Texts}). */
public final class FleetTexts {
    private static final Map<String, String[]> WORDS = Map.ofEntries(
            Map.entry("fleet", new String[] {"设备", "Devices"}),
            Map.entry("device", new String[] {"设备", "Device"}),
            Map.entry("kind", new String[] {"类型", "Kind"}),
            Map.entry("counter", new String[] {"窗口", "Counter"}),
            Map.entry("version", new String[] {"版本", "Version"}),
            Map.entry("presence", new String[] {"在线", "Online"}),
            Map.entry("online", new String[] {"在线", "online"}),
            Map.entry("offline", new String[] {"离线", "offline"}),
            Map.entry("never", new String[] {"从未连接", "never connected"}),
            Map.entry("last-status", new String[] {"最近状态时间", "Last status"}),
            Map.entry("health", new String[] {"健康", "Health"}),
            Map.entry("clock", new String[] {"时钟偏差", "Clock offset"}),
            Map.entry("clock-off", new String[] {"请检查时间源", "check its time source"}),
            Map.entry("uptime", new String[] {"运行时间", "Uptime"}),
            Map.entry("disk", new String[] {"剩余磁盘", "Disk free"}),
            Map.entry("disk-low", new String[] {"磁盘不足", "low disk"}),
            Map.entry("temperature", new String[] {"CPU 温度", "CPU temp."}),
            Map.entry("commands", new String[] {"操作", "Commands"}),
            Map.entry("restart", new String[] {"重启 / 重新加载配置", "Restart / reload config"}),
            Map.entry("restart-how", new String[] {"应用正常退出，由 systemd 重新启动并重新读取配置文件",
                    "The app stops cleanly and systemd starts it again, reading its config file anew"}),
            Map.entry("test-page", new String[] {"打印测试页", "Print test page"}),
            Map.entry("unregistered", new String[] {"未登记", "not registered"}),
            Map.entry("summary", new String[] {"共 %d 台，在线 %d 台，需处理 %d 台",
                    "%d devices, %d online, %d need attention"}),
            Map.entry("forbidden", new String[] {"设备页面仅限技术员和管理员", "the devices page is for technicians and admins"}),
            Map.entry("how", new String[] {"显示各设备最近一次上报的状态（MQTT 保留消息）。时钟偏差 = 服务器时间 − 设备时间。设备只在启动时读取配置：重新加载配置即重启设备。",
                    "What each device's status last said (its retained MQTT status). Clock offset = server time − device time."
                    + " A device reads its config only at start: to reload it, restart the device."}));

    private FleetTexts() {
    }

    public static String of(String language, String key) {
        return Texts.pick(WORDS, language, key);
    }
}
