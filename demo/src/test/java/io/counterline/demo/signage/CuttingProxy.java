package io.counterline.demo.signage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on loopback in front of the console that cuts the answer of its first
 * {@code cuts} connections after {@code cutAfter} bytes (the connection closed mid-body, as a
 * Wi-Fi drop would), and relays every later connection whole. Threads are daemons, named.
 */
final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final long cutAfter;
    private final AtomicInteger cutsLeft;
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger cut = new AtomicInteger();

    CuttingProxy(int targetPort, long cutAfter, int cuts) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.cutAfter = cutAfter;
        this.cutsLeft = new AtomicInteger(cuts);
        thread("cutting-proxy", this::accept).start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                connections.incrementAndGet();
                boolean cutThis = cutsLeft.getAndDecrement() > 0;
                thread("cutting-proxy-up", () -> pump(client, server, Long.MAX_VALUE, false)).start();
                thread("cutting-proxy-down", () -> pump(server, client, cutThis ? cutAfter : Long.MAX_VALUE, cutThis))
                        .start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, long limit, boolean cutting) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buf = new byte[512];
            long sent = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                int take = (int) Math.min(n, limit - sent);
                out.write(buf, 0, take);
                out.flush();
                sent += take;
                if (sent >= limit) {
                    if (cutting) {
                        cut.incrementAndGet();
                    }
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
