package io.counterline.messaging;

/**
 * Publish/subscribe over the branch broker. Every message travels at QoS 1.
 *
 * <p>Threading: {@link #publish} never blocks on the network; handlers and connection listeners
 * run on the bus's single dispatch thread, in arrival order, and must hand slow work to their own
 * executor so that they never hold up other messages.
 */
public interface MessageBus extends AutoCloseable {

    /**
     * Queues a message for sending at QoS 1.
     *
     * @throws BusException when not connected, or when too many messages are in flight; nothing
     *                      was sent and the caller keeps responsibility for the message
     */
    void publish(String topic, byte[] payload, boolean retained) throws BusException;

    /** Subscribes at QoS 1; the subscription is restored after every reconnect. */
    void subscribe(String filter, MessageHandler handler);

    boolean isConnected();

    /**
     * Called on the dispatch thread on every connect and disconnect, including the first; and
     * once, as a disconnect, when the broker cannot be reached (refused, unreachable, or no
     * answer to the connect), until the next connect. A listener added while connected hears
     * {@code connected} once, at once.
     */
    void addConnectionListener(ConnectionListener listener);

    @Override
    void close();

    @FunctionalInterface
    interface MessageHandler {
        void onMessage(String topic, byte[] payload);
    }

    interface ConnectionListener {
        void connected();

        /** @param reason why the connection dropped, for the log and device health */
        void disconnected(String reason);
    }
}
