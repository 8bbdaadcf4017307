package io.counterline.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback in front of a server that can break connections the way a pulled cable,
 * a Wi-Fi drop or a server down does: cut the request of the next connection after some bytes
 * (an upload cut mid-chunk), cut the answers of the next connections after some bytes (a download
 * cut mid-body), or refuse every connection (closed at once, nothing relayed) until told
 * otherwise. Connections not told to break pass whole. Threads are daemons, named.
 */
public final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicLong requestCutAfter = new AtomicLong(-1);
    private final AtomicLong answerCutAfter = new AtomicLong(-1);
    private final AtomicInteger answersToCut = new AtomicInteger();
    private volatile boolean refusing;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger cuts = new AtomicInteger();

    public CuttingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread("cutting-proxy", this::accept).start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The next connection is closed (both ways) once {@code bytes} went from the client to the server. */
    public void cutRequestAfter(long bytes) {
        requestCutAfter.set(bytes);
    }

    /** The next {@code connections} connections are closed once {@code bytes} of their answer went to the client. */
    public void cutAnswersAfter(long bytes, int connections) {
        answerCutAfter.set(bytes);
        answersToCut.set(connections);
    }

    /** While on, every new connection is closed at once without reaching the server (the server is "down"). */
    public void refuse(boolean on) {
        refusing = on;
    }

    /** Connections relayed (refused ones not counted). */
    public int connections() {
        return connections.get();
    }

    /** Connections refused while {@link #refuse} was on. */
    public int refused() {
        return refused.get();
    }

    /** Connections cut so far (request or answer). */
    public int cuts() {
        return cuts.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (refusing) {
                    refused.incrementAndGet();
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                connections.incrementAndGet();
                long upLimit = requestCutAfter.getAndSet(-1);
                long downLimit = answersToCut.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? answerCutAfter.get() : -1;
                thread("cutting-proxy-up", () -> pump(client, server, upLimit)).start();
                thread("cutting-proxy-down", () -> pump(server, client, downLimit)).start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Relays {@code from} to {@code to}; with {@code limit >= 0}, closes both after that many bytes. */
    private void pump(Socket from, Socket to, long limit) {
        byte[] buf = new byte[4096];
        long passed = 0;
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buf)) > 0; ) {
                int send = limit < 0 ? n : (int) Math.min(n, limit - passed);
                out.write(buf, 0, send);
                out.flush();
                passed += send;
                if (limit >= 0 && passed >= limit) {
                    cuts.incrementAndGet();
                    break;
                }
            }
        } catch (IOException e) {
            // the other side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static Thread thread(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
