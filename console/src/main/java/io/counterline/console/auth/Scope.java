package io.counterline.console.auth;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a user's role applies: the whole branch, or some counters and/or services. A ticket is
 * in scope when its counter or its service is. Written as {@code branch} or
 * {@code counters=c1,c2;services=A}.
 */
public record Scope(boolean branch, Set<String> counters, Set<String> services) {
    public static final Scope BRANCH = new Scope(true, Set.of(), Set.of());

    public Scope {
        counters = Set.copyOf(counters);
        services = Set.copyOf(services);
    }

    public boolean covers(String counter, String service) {
        return branch || (counter != null && counters.contains(counter)) || (service != null && services.contains(service));
    }

    public boolean coversCounter(String counter) {
        return branch || counters.contains(counter);
    }

    /** @throws IllegalArgumentException saying what the form is */
    public static Scope parse(String text) {
        String t = text.trim();
        if (t.equals("branch")) {
            return BRANCH;
        }
        Set<String> counters = new LinkedHashSet<>();
        Set<String> services = new LinkedHashSet<>();
        for (String part : t.split(";")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2 || !(kv[0].trim().equals("counters") || kv[0].trim().equals("services"))) {
                throw new IllegalArgumentException("scope '" + text + "' is not 'branch' nor like 'counters=c1,c2;services=A'");
            }
            Set<String> into = kv[0].trim().equals("counters") ? counters : services;
            Arrays.stream(kv[1].split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(into::add);
        }
        if (counters.isEmpty() && services.isEmpty()) {
            throw new IllegalArgumentException("scope '" + text + "' names no counter and no service");
        }
        return new Scope(false, counters, services);
    }

    public String text() {
        if (branch) {
            return "branch";
        }
        String c = counters.stream().sorted().collect(Collectors.joining(","));
        String s = services.stream().sorted().collect(Collectors.joining(","));
        return (c.isEmpty() ? "" : "counters=" + c) + (!c.isEmpty() && !s.isEmpty() ? ";" : "")
                + (s.isEmpty() ? "" : "services=" + s);
    }
}
