package io.counterline.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * An MQTT 3.1.1 client written by hand, for what Paho cannot do on purpose: connect with any
 * Will, and then vanish without DISCONNECT (so the broker must publish the Will). It only sends
 * CONNECT and reads CONNACK.
 */
public final class RawMqttClient implements AutoCloseable {
    /** CONNACK return codes (MQTT 3.1.1 §3.2.2.3). */
    public static final int ACCEPTED = 0;
    public static final int NOT_AUTHORIZED = 5;

    private final Socket socket;
    private final int returnCode;

    private RawMqttClient(Socket socket, int returnCode) {
        this.socket = socket;
        this.returnCode = returnCode;
    }

    /** Connects as {@code user} (client id = user) with a QoS 1 Will; returns once CONNACK came or the broker closed. */
    public static RawMqttClient connectWithWill(String brokerUri, String user, String secret, String willTopic,
                                                String willPayload, boolean willRetained) throws IOException {
        URI uri = URI.create(brokerUri);
        Socket s = new Socket();
        s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
        s.setSoTimeout(10_000);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(4); // protocol level 3.1.1
        int flags = 0x80 | 0x40 | 0x04 | (1 << 3) | 0x02; // user, password, Will QoS 1, clean session
        if (willRetained) {
            flags |= 0x20;
        }
        body.write(flags);
        body.write(0);
        body.write(60); // keep-alive seconds
        writeString(body, user);
        writeString(body, willTopic);
        writeString(body, willPayload);
        writeString(body, user);
        writeString(body, secret);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        int len = body.size();
        do {
            int digit = len % 128;
            len /= 128;
            packet.write(len > 0 ? digit | 0x80 : digit);
        } while (len > 0);
        body.writeTo(packet);
        s.getOutputStream().write(packet.toByteArray());
        s.getOutputStream().flush();
        DataInputStream in = new DataInputStream(s.getInputStream());
        int type = in.read();
        if (type != 0x20) {
            return new RawMqttClient(s, -1); // closed without CONNACK: refused too
        }
        in.readUnsignedByte(); // remaining length 2
        in.readUnsignedByte(); // session present
        return new RawMqttClient(s, in.readUnsignedByte());
    }

    public int returnCode() {
        return returnCode;
    }

    /**
     * Ends the connection without DISCONNECT and waits until the broker has closed its side, so
     * that the broker has acted on the loss (its Will is due) when this returns.
     */
    public void vanish() throws IOException {
        if (socket.isClosed()) {
            return;
        }
        socket.shutdownOutput();
        try {
            while (socket.getInputStream().read() >= 0) {
                // drain until the broker closes
            }
        } catch (IOException closedHard) {
            // a reset is a close too
        }
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >> 8);
        out.write(b.length & 0xff);
        out.writeBytes(b);
    }
}
