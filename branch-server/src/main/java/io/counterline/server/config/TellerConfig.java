package io.counterline.server.config;

/** A member of staff who signs in at counters; the PIN is kept only as a hash (see {@link Pins}). */
public record TellerConfig(String id, String name, String employeeNo, String pinHash) {
}
