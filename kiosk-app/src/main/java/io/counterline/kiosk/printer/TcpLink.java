package io.counterline.kiosk.printer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;

/** A network printer's raw port (9100, "JetDirect"): two-way, bytes in and out unchanged. */
public final class TcpLink implements PrinterLink {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private TcpLink(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Connects within {@code connectTimeout}; reads from the printer then give up after
     * {@code readTimeout}.
     */
    public static TcpLink open(String host, int port, Duration connectTimeout, Duration readTimeout)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            socket.setTcpNoDelay(true);
            return new TcpLink(socket);
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot connect to " + host + ":" + port + " (" + e.getMessage()
                    + ") - check the printer's power, network cable and IP address", e);
        }
    }

    @Override
    public OutputStream out() {
        return out;
    }

    @Override
    public Optional<InputStream> in() {
        return Optional.of(in);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
