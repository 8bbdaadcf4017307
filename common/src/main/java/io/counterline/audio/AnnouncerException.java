package io.counterline.audio;

/** The speaker or synthesizer could not play an announcement; the reason names what to check. */
public class AnnouncerException extends Exception {
    private static final long serialVersionUID = 1L;

    public AnnouncerException(String message) {
        super(message);
    }

    public AnnouncerException(String message, Throwable cause) {
        super(message, cause);
    }
}
