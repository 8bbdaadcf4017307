package io.counterline.server.config;

import java.util.Map;

/**
 * A service window.
 *
 * @param number   how voice and LED name it ("3" in "请到 3 号窗口")
 * @param services service id → priority weight (higher is served first; see docs/queue-policy.md)
 */
public record CounterConfig(String id, String number, String nameZh, String nameEn, Map<String, Integer> services) {
}
