package io.counterline.console.monitor;

/**
 * One event of the monitor stream.
 *
 * @param id      "{boot}-{sequence}": a client resuming with an id of another boot gets a snapshot
 * @param type    counter, services, day, device, rating or snapshot
 * @param counter the counter the event is about, for scoped users; null when about the branch
 * @param service the service the event is about, for scoped users; null when about the branch
 * @param json    the data, a JSON object
 */
public record MonitorEvent(String id, long sequence, String type, String counter, String service, String json) {
}
