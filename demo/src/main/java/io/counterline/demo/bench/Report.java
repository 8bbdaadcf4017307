package io.counterline.demo.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one run measured: latency paths (with their ratio to the raw MQTT round trip of the same
 * run), single figures (ops/s, seconds, MiB) and notes on the setup. Filled by one thread.
 */
final class Report {
    static final String BASELINE = "raw MQTT request/response round trip (baseline)";

    /** A latency path; {@code goalP99Millis} is 0 when the path has no goal of its own. */
    record Latency(String name, Samples.Summary summary, double goalP99Millis) {
    }

    /** A single number; {@code goal} describes the target, empty when none. */
    record Figure(String name, double value, String unit, String goal, boolean met) {
    }

    private final List<String> setup = new ArrayList<>();
    private final List<Latency> latencies = new ArrayList<>();
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void setup(String line) {
        setup.add(line);
    }

    void latency(String name, Samples samples, double goalP99Millis) {
        latencies.add(new Latency(name, samples.summary(), goalP99Millis));
    }

    void figure(String name, double value, String unit) {
        figures.add(new Figure(name, value, unit, "", true));
    }

    void figure(String name, double value, String unit, String goal, boolean met) {
        figures.add(new Figure(name, value, unit, goal, met));
    }

    void note(String line) {
        notes.add(line);
    }

    List<Latency> latencies() {
        return List.copyOf(latencies);
    }

    List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** Every number by name, for tests and tools: latency names get {@code .p50 .p90 .p99 .max .n}. */
    Map<String, Double> numbers() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Latency l : latencies) {
            out.put(l.name + ".p50", l.summary.p50());
            out.put(l.name + ".p90", l.summary.p90());
            out.put(l.name + ".p99", l.summary.p99());
            out.put(l.name + ".max", l.summary.max());
            out.put(l.name + ".n", (double) l.summary.n());
        }
        figures.forEach(f -> out.put(f.name, f.value));
        return out;
    }

    String text() {
        StringBuilder out = new StringBuilder();
        setup.forEach(s -> out.append(s).append('\n'));
        Samples.Summary base = latencies.stream().filter(l -> l.name.equals(BASELINE)).map(Latency::summary)
                .findFirst().orElse(null);
        out.append('\n').append(String.format(Locale.ROOT, "%-56s %6s %8s %8s %8s %8s %8s %8s  %s%n", "latency (ms)", "n",
                "p50", "p90", "p99", "max", "p50/rt", "p99/rt", "goal (p99)"));
        for (Latency l : latencies) {
            Samples.Summary s = l.summary;
            String goal = l.goalP99Millis > 0
                    ? String.format(Locale.ROOT, "<= %.0f ms %s", l.goalP99Millis, s.p99() <= l.goalP99Millis ? "met" : "MISSED")
                    : "";
            out.append(String.format(Locale.ROOT, "%-56s %6d %8.3f %8.3f %8.3f %8.3f %8s %8s  %s%n", l.name, s.n(),
                    s.p50(), s.p90(), s.p99(), s.max(), ratio(s.p50(), base == null ? 0 : base.p50()),
                    ratio(s.p99(), base == null ? 0 : base.p99()), goal));
        }
        out.append('\n');
        for (Figure f : figures) {
            out.append(String.format(Locale.ROOT, "%-56s %12s %-8s %s%n", f.name, format(f.value), f.unit,
                    f.goal.isEmpty() ? "" : f.goal + " " + (f.met ? "met" : "MISSED")));
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(n -> out.append("note: ").append(n).append('\n'));
        }
        return out.toString();
    }

    private static String ratio(double value, double base) {
        return base <= 0 ? "-" : String.format(Locale.ROOT, "%.1fx", value / base);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e12 ? String.format(Locale.ROOT, "%,d", (long) v)
                : String.format(Locale.ROOT, "%,.2f", v);
    }
}
