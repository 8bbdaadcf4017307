package io.counterline.console.report;

import io.counterline.console.auth.Scope;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A period's figures in total and by teller, counter, service, day and hour of day, over the
 * tickets that match the query and lie in the user's scope. A rating counts with its ticket.
 */
public record PeriodReport(ReportQuery query, Figures total, Map<String, Figures> byTeller,
                           Map<String, Figures> byCounter, Map<String, Figures> byService, Map<String, Figures> byDay,
                           Map<String, Figures> byHour, List<GamingSigns> gaming) {

    public static PeriodReport build(ReportQuery query, Scope scope, ZoneId zone, List<TicketFact> tickets,
                                     List<RatingFact> ratings) {
        List<TicketFact> kept = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (TicketFact t : tickets) {
            if (query.matches(t) && scope.covers(t.counter(), t.service())) {
                kept.add(t);
                ids.add(t.id());
            }
        }
        Map<String, TicketFact> byId = new HashMap<>();
        kept.forEach(t -> byId.put(t.id(), t));
        List<RatingFact> rated = ratings.stream().filter(r -> ids.contains(r.ticket())).toList();
        Map<String, Figures> tellers = group(kept, rated, byId, TicketFact::teller);
        List<GamingSigns> gaming = new ArrayList<>();
        tellers.forEach((teller, f) -> gaming.add(GamingSigns.of(teller, f,
                rated.stream().filter(r -> teller.equals(byId.get(r.ticket()).teller())).toList())));
        return new PeriodReport(query, Figures.of(kept, rated), tellers,
                group(kept, rated, byId, TicketFact::counter), group(kept, rated, byId, TicketFact::service),
                group(kept, rated, byId, TicketFact::day),
                group(kept, rated, byId, t -> String.format("%02d", t.issuedAt().atZone(zone).getHour())), gaming);
    }

    private static Map<String, Figures> group(List<TicketFact> tickets, List<RatingFact> ratings,
                                              Map<String, TicketFact> byId, Function<TicketFact, String> key) {
        Map<String, List<TicketFact>> t = new TreeMap<>();
        for (TicketFact f : tickets) {
            String k = key.apply(f);
            if (k != null) {
                t.computeIfAbsent(k, x -> new ArrayList<>()).add(f);
            }
        }
        Map<String, List<RatingFact>> r = new HashMap<>();
        for (RatingFact f : ratings) {
            String k = key.apply(byId.get(f.ticket()));
            if (k != null) {
                r.computeIfAbsent(k, x -> new ArrayList<>()).add(f);
            }
        }
        Map<String, Figures> out = new TreeMap<>();
        t.forEach((k, list) -> out.put(k, Figures.of(list, r.getOrDefault(k, List.of()))));
        return out;
    }
}
