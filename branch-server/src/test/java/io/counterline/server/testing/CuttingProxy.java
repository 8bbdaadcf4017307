package io.counterline.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy that can cut a connection: the first connection made after
 * {@link #cutAfter} is closed (both ways) once that many bytes went from the client to the server,
 * as a Wi-Fi drop would mid-request. Later connections pass untouched.
 */
public final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicLong cutAfter = new AtomicLong(-1);
    private final AtomicLong cuts = new AtomicLong();

    public CuttingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "cutting-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The next connection is cut after {@code bytes} from the client. */
    public void cutAfter(long bytes) {
        cutAfter.set(bytes);
    }

    /** How many connections were cut so far. */
    public long cuts() {
        return cuts.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                long limit = cutAfter.getAndSet(-1);
                pump(client, server, limit, "up");
                pump(server, client, -1, "down");
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, long limit, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            long passed = 0;
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) > 0) {
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
        }, "cutting-proxy-" + name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
