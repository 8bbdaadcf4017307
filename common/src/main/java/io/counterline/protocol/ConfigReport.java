package io.counterline.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a branch tells head office about its configuration, as the body of a
 * {@link EventType#BRANCH_CONFIG} fact on the uplink: the version it runs (0: none from head
 * office yet), the version received but waiting for its safe moment (0: none) with the services
 * it waits for, and the newest version it refused (0: none) with the reason.
 */
public record ConfigReport(String branch, long running, long pending, List<String> waitingFor, long refused,
                           String reason) {
    static final int MAX_REASON = 300;
    static final int MAX_WAITING = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    public ConfigReport {
        Ids.require("branch", branch);
        waitingFor = List.copyOf(waitingFor);
        reason = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    }

    public ObjectNode toBody() {
        ObjectNode b = JSON.createObjectNode();
        b.put("branch", branch);
        b.put("running", running);
        b.put("pending", pending);
        waitingFor.forEach(b.putArray("waiting-for")::add);
        b.put("refused", refused);
        b.put("reason", reason);
        return b;
    }

    /** The report in a fact's body, or why it is unreadable. */
    public static Decoded<ConfigReport> of(JsonNode body) {
        String branch = body.path("branch").asText("");
        if (!body.path("branch").isTextual() || !Ids.isValid(branch)) {
            return rejected("branch.config without a valid branch");
        }
        for (String field : List.of("running", "pending", "refused")) {
            JsonNode v = body.get(field);
            if (v == null || !v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > Integer.MAX_VALUE) {
                return rejected("branch.config " + field + " is not a version 0.." + Integer.MAX_VALUE);
            }
        }
        JsonNode reason = body.path("reason");
        if (!reason.isTextual() || reason.asText().length() > MAX_REASON) {
            return rejected("branch.config reason is not a text of at most " + MAX_REASON + " characters");
        }
        List<String> waiting = new ArrayList<>();
        JsonNode w = body.path("waiting-for");
        if (!w.isMissingNode()) {
            if (!w.isArray() || w.size() > MAX_WAITING) {
                return rejected("branch.config waiting-for is not a list of at most " + MAX_WAITING + " services");
            }
            for (JsonNode s : w) {
                if (!s.isTextual() || s.asText().isEmpty() || s.asText().length() > 16) {
                    return rejected("branch.config waiting-for names a service badly");
                }
                waiting.add(s.asText());
            }
        }
        return new Decoded.Accepted<>(new ConfigReport(branch, body.get("running").asLong(),
                body.get("pending").asLong(), waiting, body.get("refused").asLong(), reason.asText()));
    }

    private static <T> Decoded<T> rejected(String why) {
        return new Decoded.Rejected<>(new Rejection(Rejection.Reason.INVALID_FIELD, why));
    }
}
