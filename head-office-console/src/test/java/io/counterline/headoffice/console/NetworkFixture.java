package io.counterline.headoffice.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.counterline.headoffice.ingest.Fact;
import io.counterline.headoffice.store.FactStore;
import io.counterline.protocol.EventEnvelope;
import io.counterline.protocol.EventType;
import io.counterline.protocol.MessageCodec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Visits made up from a seed, stored as the branch uplink stores them (each ticket's first and
 * final version, its rating) through the ingest's {@link FactStore}; the tests compute what each
 * page must show from this list, by hand, never from the rollups.
 */
final class NetworkFixture {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One customer's visit; {@code calledAt} null if never called; {@code rating} null if not rated. */
    record Visit(String branch, LocalDate day, String id, Instant issuedAt, Instant calledAt, String status,
                 String counter, String teller, String rating) {
        boolean good() {
            return "satisfied".equals(rating) || "very-satisfied".equals(rating);
        }

        long waitSeconds() {
            return calledAt.getEpochSecond() - issuedAt.getEpochSecond();
        }
    }

    final List<Visit> visits = new ArrayList<>();
    private final Random random;
    private final long seed;
    private final long boot;
    private final java.util.Map<String, long[]> seq = new java.util.HashMap<>();
    private List<Fact> facts;

    /** @param boot the branches' outbox generation the facts come from */
    NetworkFixture(long seed, long boot) {
        this.random = new Random(seed);
        this.seed = seed;
        this.boot = boot;
    }

    /**
     * Closed visits of {@code branch} on each day from..to: {@code perDay} of them (± 2), served by
     * {@code tellers}, some no-shows, most rated.
     */
    void closedDays(String branch, LocalDate from, LocalDate to, int perDay, List<String> tellers) {
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            int n = perDay - 2 + random.nextInt(5);
            for (int i = 0; i < n; i++) {
                Instant issued = d.atTime(9, 0).atZone(ZONE).toInstant().plusSeconds(i * 600L + random.nextInt(300));
                Instant called = issued.plusSeconds(30 + random.nextInt(900));
                boolean served = random.nextInt(10) != 0;
                String teller = tellers.get(random.nextInt(tellers.size()));
                String rating = served && random.nextInt(10) < 8 ? List.of("very-satisfied", "satisfied", "average",
                        "dissatisfied").get(random.nextInt(4)) : null;
                visits.add(new Visit(branch, d, "T" + d + "-" + branch + "-" + seed + "-" + visits.size(), issued, called,
                        served ? "COMPLETED" : "NO_SHOW", "c" + (1 + random.nextInt(3)), teller, rating));
            }
        }
    }

    /** A visit still open now: waiting (not called) or called to {@code counter}. */
    void open(String branch, LocalDate day, Instant issued, String counter) {
        visits.add(new Visit(branch, day, "T" + day + "-" + branch + "-open" + visits.size(), issued,
                counter == null ? null : issued.plusSeconds(60), counter == null ? "WAITING" : "CALLED", counter,
                counter == null ? null : "t1", null));
    }

    List<Visit> where(Predicate<Visit> p) {
        return visits.stream().filter(p).toList();
    }

    /**
     * Stores every visit as facts (first version, final version, rating) through the ingest's
     * store; a second call delivers the same facts again.
     */
    void store(FactStore store) throws Exception {
        if (this.facts == null) {
            this.facts = facts();
        }
        for (int i = 0; i < this.facts.size(); i += 500) {
            store.store(this.facts.subList(i, Math.min(this.facts.size(), i + 500)), List.of());
        }
    }

    private List<Fact> facts() {
        List<Fact> facts = new ArrayList<>();
        for (Visit v : visits) {
            ObjectNode first = ticket(v, "WAITING", false);
            facts.add(fact(v.branch(), EventType.BRANCH_TICKET, v.issuedAt(), first));
            if (!"WAITING".equals(v.status())) {
                Instant at = v.calledAt().plusSeconds(120);
                facts.add(fact(v.branch(), EventType.BRANCH_TICKET, at, ticket(v, v.status(), true)));
                if (v.rating() != null) {
                    ObjectNode r = JSON.createObjectNode();
                    r.put("ticket", v.id());
                    r.put("armId", "a-" + v.id());
                    r.put("counter", v.counter());
                    r.put("teller", v.teller());
                    r.put("level", v.rating());
                    r.put("at", at.plusSeconds(10).toString());
                    facts.add(fact(v.branch(), EventType.BRANCH_RATING, at.plusSeconds(10), r));
                }
            }
        }
        return facts;
    }

    private static ObjectNode ticket(Visit v, String status, boolean last) {
        ObjectNode t = JSON.createObjectNode();
        t.put("id", v.id());
        t.put("day", v.day().toString());
        t.put("service", "A");
        t.put("seq", 1);
        t.put("number", "A" + Math.abs(v.id().hashCode() % 1000));
        t.put("issuedAt", v.issuedAt().toString());
        t.put("status", status);
        if (last && v.calledAt() != null) {
            t.put("counter", v.counter());
            t.put("teller", v.teller());
            t.put("calledAt", v.calledAt().toString());
            if ("COMPLETED".equals(status)) {
                t.put("startedAt", v.calledAt().plusSeconds(5).toString());
                t.put("finishedAt", v.calledAt().plusSeconds(100).toString());
            }
        } else {
            t.putNull("counter");
            t.putNull("teller");
            t.putNull("calledAt");
        }
        return t;
    }

    private Fact fact(String branch, EventType type, Instant at, ObjectNode body) {
        long[] s = seq.computeIfAbsent(branch, b -> new long[] {0});
        s[0]++;
        return new Fact(branch, new EventEnvelope(MessageCodec.VERSION, UUID.randomUUID().toString(), s[0], "uplink",
                type, at, boot, body));
    }
}
