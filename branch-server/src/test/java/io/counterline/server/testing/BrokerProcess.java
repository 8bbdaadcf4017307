package io.counterline.server.testing;

/**
 * A real broker in its own process on a loopback port, which a test can SIGKILL and start again
 * on the same port.
 */
public interface BrokerProcess extends AutoCloseable {

    /** Starts it and returns once it accepts connections. */
    void start() throws Exception;

    /** SIGKILL: no clean disconnect, no will suppression, nothing flushed. */
    void kill();

    String uri();

    String name();

    @Override
    void close();
}
