package io.counterline.messaging;

import io.counterline.protocol.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A broker and its clients in one JVM, for unit tests: topic filters, retained messages and
 * connect/disconnect, with the same threading promise as the real bus (handlers run on one
 * dispatch thread per client, in order). Create clients with {@link #client}.
 */
public final class InMemoryBus {
    private final Map<String, byte[]> retained = new ConcurrentHashMap<>();
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private volatile boolean up = true;

    public Client client(String name) {
        Client c = new Client(name);
        clients.add(c);
        return c;
    }

    /** Every client loses the broker; publishes fail until {@link #restore()}. */
    public void cut() {
        up = false;
        clients.forEach(c -> c.dispatch.execute(() -> c.listeners.forEach(l -> l.disconnected("cut by test"))));
    }

    public void restore() {
        up = true;
        clients.forEach(c -> c.dispatch.execute(() -> c.listeners.forEach(MessageBus.ConnectionListener::connected)));
    }

    private void route(String topic, byte[] payload, boolean retain) {
        if (retain) {
            retained.put(topic, payload);
        }
        for (Client c : clients) {
            c.deliverIfSubscribed(topic, payload);
        }
    }

    /** One client of the in-memory broker. */
    public final class Client implements MessageBus {
        private record Sub(String filter, MessageHandler handler) {
        }

        private final List<Sub> subs = new CopyOnWriteArrayList<>();
        private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
        private final java.util.concurrent.ExecutorService dispatch;
        private final List<String> published = new CopyOnWriteArrayList<>();
        private volatile boolean closed;

        private Client(String name) {
            this.dispatch = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "inmem-" + name);
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public void publish(String topic, byte[] payload, boolean retain) throws BusException {
            if (!up || closed) {
                throw new BusException("not connected");
            }
            published.add(topic);
            route(topic, payload.clone(), retain);
        }

        @Override
        public void subscribe(String filter, MessageHandler handler) {
            subs.add(new Sub(filter, handler));
            List<Map.Entry<String, byte[]>> matching = new ArrayList<>();
            retained.forEach((t, p) -> {
                if (Topics.matches(filter, t)) {
                    matching.add(Map.entry(t, p));
                }
            });
            matching.forEach(e -> dispatch.execute(() -> handler.onMessage(e.getKey(), e.getValue())));
        }

        @Override
        public boolean isConnected() {
            return up && !closed;
        }

        @Override
        public void addConnectionListener(ConnectionListener listener) {
            listeners.add(listener);
            if (isConnected()) {
                dispatch.execute(listener::connected);
            }
        }

        /** Topics this client published to, in order. */
        public List<String> published() {
            return published;
        }

        @Override
        public void close() {
            closed = true;
            dispatch.shutdown();
        }

        private void deliverIfSubscribed(String topic, byte[] payload) {
            if (closed) {
                return;
            }
            for (Sub s : subs) {
                if (Topics.matches(s.filter(), topic)) {
                    dispatch.execute(() -> s.handler().onMessage(topic, payload));
                }
            }
        }
    }
}
