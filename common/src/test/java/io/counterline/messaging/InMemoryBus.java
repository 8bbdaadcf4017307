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
        private volatile boolean linkUp = true;
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
            if (!isConnected()) {
                throw new BusException("not connected");
            }
            published.add(topic);
            route(topic, payload.clone(), retain);
        }

        @Override
        public void subscribe(String filter, MessageHandler handler) {
            Sub sub = new Sub(filter, handler);
            subs.add(sub);
            if (linkUp) {
                deliverRetained(sub);
            }
        }

        @Override
        public boolean isConnected() {
            return up && linkUp && !closed;
        }

        /**
         * This client alone loses the broker (its network link drops) while the others stay
         * connected: its publishes fail and it misses what others publish meanwhile, retained
         * messages included, until {@link #restore()}.
         */
        public void cut() {
            linkUp = false;
            dispatch.execute(() -> listeners.forEach(l -> l.disconnected("link cut by test")));
        }

        /**
         * Reconnects this client as {@code PahoMessageBus} does: it reports the connection and
         * subscribes again (sessions are clean), so the broker sends the retained messages anew.
         */
        public void restore() {
            linkUp = true;
            dispatch.execute(() -> listeners.forEach(ConnectionListener::connected));
            subs.forEach(this::deliverRetained);
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

        private void deliverRetained(Sub sub) {
            List<Map.Entry<String, byte[]>> matching = new ArrayList<>();
            retained.forEach((t, p) -> {
                if (Topics.matches(sub.filter(), t)) {
                    matching.add(Map.entry(t, p));
                }
            });
            matching.forEach(e -> dispatch.execute(() -> sub.handler().onMessage(e.getKey(), e.getValue())));
        }

        private void deliverIfSubscribed(String topic, byte[] payload) {
            if (closed || !linkUp) {
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
