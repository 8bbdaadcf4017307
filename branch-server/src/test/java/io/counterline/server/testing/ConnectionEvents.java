package io.counterline.server.testing;

import io.counterline.messaging.MessageBus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records a bus's connection reports in order: "connected", "disconnected: reason". */
public final class ConnectionEvents implements MessageBus.ConnectionListener {
    private final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void connected() {
        events.add("connected");
    }

    @Override
    public void disconnected(String reason) {
        events.add("disconnected: " + reason);
    }

    public List<String> list() {
        return events;
    }
}
