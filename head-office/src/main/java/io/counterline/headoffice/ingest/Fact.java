package io.counterline.headoffice.ingest;

import io.counterline.protocol.EventEnvelope;

/**
 * One branch fact checked at the head-office door: which branch (from the routing key the
 * broker's topic permissions vouch for, never from the payload) and its envelope.
 */
public record Fact(String branch, EventEnvelope envelope) {
}
