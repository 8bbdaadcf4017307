package io.counterline.headoffice.console;

import io.counterline.console.report.BranchHistory;
import io.counterline.console.report.RatingFact;
import io.counterline.console.report.TicketFact;
import io.counterline.protocol.RatingLevel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One branch's tickets and ratings as head office holds them (the uplinked facts, the newest
 * version of each ticket and rating): the same {@link BranchHistory} the branch reads from
 * SQLite, so head office shows a branch's own reports with the branch console's report code.
 */
public final class PostgresBranchHistory implements BranchHistory {
    private static final String TICKETS = "WITH t AS (SELECT DISTINCT ON (body->>'id') body FROM facts"
            + " WHERE branch = ? AND type = 'branch.ticket' AND at >= ?::date - 1 AND at < ?::date + 3"
            + " AND body->>'day' BETWEEN ? AND ? ORDER BY body->>'id', boot DESC, seq DESC)"
            + " SELECT body, EXISTS (SELECT 1 FROM facts s WHERE s.branch = ? AND s.type = 'branch.ticket-step'"
            + " AND s.at >= ?::date - 1 AND s.at < ?::date + 3 AND s.body->>'ticket' = t.body->>'id'"
            + " AND s.body->>'action' = 'transferred') FROM t";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final NetworkStore store;
    private final String branch;

    public PostgresBranchHistory(NetworkStore store, String branch) {
        this.store = store;
        this.branch = branch;
    }

    @Override
    public List<TicketFact> tickets(LocalDate from, LocalDate to) throws HistoryException {
        List<TicketFact> out = new ArrayList<>();
        try (Connection db = store.connection(); PreparedStatement ps = db.prepareStatement(TICKETS)) {
            bind(ps, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    var b = JSON.readTree(rs.getString(1));
                    out.add(new TicketFact(b.path("id").asText(), b.path("day").asText(), text(b, "service"),
                            text(b, "number"), instant(b, "issuedAt"), text(b, "status"), text(b, "counter"),
                            text(b, "teller"), instant(b, "calledAt"), instant(b, "startedAt"), instant(b, "finishedAt"),
                            rs.getBoolean(2)));
                }
            }
        } catch (SQLException | java.io.IOException e) {
            throw new HistoryException("head office store: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public List<RatingFact> ratings(LocalDate from, LocalDate to) throws HistoryException {
        List<RatingFact> out = new ArrayList<>();
        try (Connection db = store.connection(); PreparedStatement ps = db.prepareStatement(
                "WITH t AS (SELECT DISTINCT ON (body->>'id') body FROM facts WHERE branch = ? AND type = 'branch.ticket'"
                        + " AND at >= ?::date - 1 AND at < ?::date + 3 AND body->>'day' BETWEEN ? AND ?"
                        + " ORDER BY body->>'id', boot DESC, seq DESC)"
                        + " SELECT DISTINCT ON (r.body->>'ticket') r.body, t.body FROM facts r JOIN t"
                        + " ON t.body->>'id' = r.body->>'ticket' WHERE r.branch = ? AND r.type = 'branch.rating'"
                        + " AND r.at >= ?::date - 1 AND r.at < ?::date + 3"
                        + " ORDER BY r.body->>'ticket', r.boot DESC, r.seq DESC")) {
            bind(ps, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    var r = JSON.readTree(rs.getString(1));
                    var t = JSON.readTree(rs.getString(2));
                    Optional<RatingLevel> level = level(text(r, "level"));
                    if (level.isPresent()) {
                        out.add(new RatingFact(text(r, "ticket"), t.path("day").asText(), text(t, "service"),
                                text(r, "counter"), text(r, "teller"), level.get(), instant(r, "at"),
                                instant(t, "finishedAt")));
                    }
                }
            }
        } catch (SQLException | java.io.IOException e) {
            throw new HistoryException("head office store: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public Optional<RatingFact> rating(String ticket) {
        return Optional.empty(); // head office has no live rating feed; reports read ratings(from, to)
    }

    private void bind(PreparedStatement ps, LocalDate from, LocalDate to) throws SQLException {
        ps.setString(1, branch);
        ps.setObject(2, from);
        ps.setObject(3, to);
        ps.setString(4, from.toString());
        ps.setString(5, to.toString());
        ps.setString(6, branch);
        ps.setObject(7, from);
        ps.setObject(8, to);
    }

    private static Optional<RatingLevel> level(String wire) {
        for (RatingLevel l : RatingLevel.values()) {
            if (l.wire().equals(wire)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode b, String field) {
        var v = b.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instant(com.fasterxml.jackson.databind.JsonNode b, String field) {
        String t = text(b, field);
        return t == null ? null : Instant.parse(t);
    }
}
