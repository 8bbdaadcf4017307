package io.counterline.caller.teller;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Dictation for the work-order form: the counter recording's capture records the teller's channel
 * into a voice note that goes to the branch console like every recording segment
 * (docs/recording.md "Voice notes"). Only a caller that records has one.
 */
public interface VoiceNotes {
    /**
     * Starts recording a note.
     *
     * @param ticketId the ticket at the counter, or null
     * @return the note's recording id
     */
    String start(String ticketId, String tellerId);

    /** Stops it: its recording id once it waits for upload, or empty when it holds no audio. */
    CompletableFuture<Optional<String>> stop();
}
