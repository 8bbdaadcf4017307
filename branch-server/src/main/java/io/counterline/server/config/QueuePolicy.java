package io.counterline.server.config;

import java.time.Duration;

/**
 * How the engine decides and limits (docs/queue-policy.md).
 *
 * @param rolloverHour      hour of the day (branch time zone) at which a new business day starts
 * @param ageingStep        waiting this long raises a ticket's priority by one weight unit
 * @param recallLimit       recalls allowed per call
 * @param ratingTimeout     how long a rating pad stays armed after a completed transaction
 * @param defaultServiceTime assumed service time before any has been measured
 * @param estimateWindow    how many recent service times the wait estimate averages
 */
public record QueuePolicy(int rolloverHour, Duration ageingStep, int recallLimit, Duration ratingTimeout,
                          Duration defaultServiceTime, int estimateWindow) {
}
