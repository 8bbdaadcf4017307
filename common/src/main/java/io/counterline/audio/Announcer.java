package io.counterline.audio;

/**
 * Speaks announcements through the device's speaker.
 *
 * <p>Contract: {@link #announce} blocks the calling thread until the announcement has been
 * played to the end, so callers that must never cut one off simply call it in order from one
 * worker thread (never from a JavaFX or MQTT callback thread). A failure to play is reported
 * as {@link AnnouncerException} and never leaves the announcer unusable.
 */
public interface Announcer extends AutoCloseable {

    void announce(Announcement announcement) throws AnnouncerException;

    @Override
    default void close() {
    }
}
