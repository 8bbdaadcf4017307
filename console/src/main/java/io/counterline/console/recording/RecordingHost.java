package io.counterline.console.recording;

import java.util.Optional;

/**
 * What the console needs of its host (the branch server) for recordings: who a device is, and a
 * way to tell a counter's caller to send live audio.
 */
public interface RecordingHost {
    /**
     * @return the counter of {@code device} when it is a counter caller of the branch and
     *         {@code secret} is its secret (compared in constant time), else empty
     */
    Optional<String> callerCounter(String device, String secret);

    /**
     * Sends {@code recording.live} to the caller of {@code counter}: on for {@code ttlMs} (renewed
     * while someone listens) or off. Never blocks for long (the MQTT client queues it).
     */
    void live(String counter, boolean on, long ttlMs);

    /** No device may upload and nothing is sent (a console without a branch server). */
    RecordingHost NONE = new RecordingHost() {
        @Override
        public Optional<String> callerCounter(String device, String secret) {
            return Optional.empty();
        }

        @Override
        public void live(String counter, boolean on, long ttlMs) {
        }
    };
}
