package io.counterline.server.config;

import io.counterline.config.PinHash;

/** A member of staff who signs in at counters; the PIN is kept only as a hash. */
public record TellerConfig(String id, String name, String employeeNo, PinHash pin) {
}
