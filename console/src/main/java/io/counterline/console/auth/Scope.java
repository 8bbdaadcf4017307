package io.counterline.console.auth;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a user's role applies. At a branch: the whole branch, or some counters and/or services
 * (a ticket is in scope when its counter or its service is). At head office: every branch
 * ({@code branch}, the whole of what this console holds), some regions, or some branches (a branch
 * is in scope when it or its region is named). Written as {@code branch},
 * {@code counters=c1,c2;services=A}, {@code regions=east} or {@code branches=b101,b102}.
 */
public record Scope(boolean branch, Set<String> counters, Set<String> services, Set<String> regions,
                    Set<String> branches) {
    public static final Scope BRANCH = new Scope(true, Set.of(), Set.of());
    private static final Set<String> KEYS = Set.of("counters", "services", "regions", "branches");

    public Scope {
        counters = Set.copyOf(counters);
        services = Set.copyOf(services);
        regions = Set.copyOf(regions);
        branches = Set.copyOf(branches);
    }

    public Scope(boolean branch, Set<String> counters, Set<String> services) {
        this(branch, counters, services, Set.of(), Set.of());
    }

    public boolean covers(String counter, String service) {
        return branch || (counter != null && counters.contains(counter)) || (service != null && services.contains(service));
    }

    public boolean coversCounter(String counter) {
        return branch || counters.contains(counter);
    }

    /** At head office: whether the branch {@code branchId} of {@code region} is in scope. */
    public boolean coversBranch(String branchId, String region) {
        return branch || branches.contains(branchId) || (region != null && regions.contains(region));
    }

    /** @throws IllegalArgumentException saying what the form is */
    public static Scope parse(String text) {
        String t = text.trim();
        if (t.equals("branch")) {
            return BRANCH;
        }
        java.util.Map<String, Set<String>> parts = new java.util.HashMap<>();
        KEYS.forEach(k -> parts.put(k, new LinkedHashSet<>()));
        for (String part : t.split(";")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2 || !KEYS.contains(kv[0].trim())) {
                throw new IllegalArgumentException("scope '" + text + "' is not 'branch' nor like"
                        + " 'counters=c1,c2;services=A' (branch) or 'regions=east' / 'branches=b101,b102' (head office)");
            }
            Arrays.stream(kv[1].split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(parts.get(kv[0].trim())::add);
        }
        if (parts.values().stream().allMatch(Set::isEmpty)) {
            throw new IllegalArgumentException("scope '" + text + "' names no counter, service, region or branch");
        }
        return new Scope(false, parts.get("counters"), parts.get("services"), parts.get("regions"), parts.get("branches"));
    }

    public String text() {
        if (branch) {
            return "branch";
        }
        return Arrays.stream(new String[] {part("counters", counters), part("services", services),
                part("regions", regions), part("branches", branches)}).filter(s -> !s.isEmpty())
                .collect(Collectors.joining(";"));
    }

    private static String part(String key, Set<String> values) {
        return values.isEmpty() ? "" : key + "=" + values.stream().sorted().collect(Collectors.joining(","));
    }
}
