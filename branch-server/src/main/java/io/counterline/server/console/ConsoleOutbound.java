package io.counterline.server.console;

import io.counterline.console.monitor.MonitorFeed;
import io.counterline.protocol.CounterState;
import io.counterline.protocol.ServicesState;
import io.counterline.server.queue.Outbound;

/**
 * The engine's {@link Outbound} with the console's monitor listening in: everything goes on to
 * the broker unchanged, and the committed counter and queue state also goes to the monitor feed
 * (which only queues it for its own thread, so the engine never waits for the console).
 */
public final class ConsoleOutbound extends StateTap {
    private final MonitorFeed feed;

    public ConsoleOutbound(Outbound next, MonitorFeed feed) {
        super(next);
        this.feed = feed;
    }

    @Override
    public void state(String topic, Object state) {
        next.state(topic, state);
        if (state instanceof CounterState c) {
            feed.counter(c);
        } else if (state instanceof ServicesState s) {
            feed.services(s);
        }
    }
}
