package io.counterline.server.queue;

import io.counterline.protocol.Command;

/**
 * What the engine sends after a commit: retained state and device commands. Implemented over
 * MQTT by {@link BusOutbound}; tests capture it.
 */
public interface Outbound {

    /** Publishes a state record retained on {@code topic}. */
    void state(String topic, Object state);

    /** Sends a command to its device, retained when it must survive the device reconnecting. */
    void command(Command command, boolean retained);

    /** Removes a retained command of {@code device}. */
    void clearCommand(String device);
}
