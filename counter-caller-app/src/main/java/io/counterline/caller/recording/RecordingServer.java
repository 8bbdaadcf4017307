package io.counterline.caller.recording;

import io.counterline.messaging.BusSettings;
import io.counterline.messaging.PahoMessageBus;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The branch console as the recorder reaches it: base URL, one HTTP client (HTTP/1.1; TLS trusting
 * what the broker connection trusts) and the device's Basic credentials (device id and its MQTT
 * secret), shared by the uploader and the live sender.
 */
public final class RecordingServer {
    private final URI base;
    private final HttpClient client;
    private final String authorization;

    public RecordingServer(URI base, String deviceId, char[] secret, HttpClient client) {
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.client = client;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (deviceId + ":" + new String(secret)).getBytes(StandardCharsets.UTF_8));
    }

    /** With the broker's TLS trust for https. */
    public static RecordingServer of(URI base, BusSettings bus) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        if ("https".equals(base.getScheme()) && bus.trustStore().isPresent()) {
            builder.sslContext(PahoMessageBus.trustingOnly(bus));
        }
        return new RecordingServer(base, bus.clientId(), bus.secret(), builder.build());
    }

    public URI upload(String segmentId) {
        return URI.create(base + "/recordings/upload/" + segmentId);
    }

    /** {@code ws(s)://<server>/recordings/live/in}. */
    public URI liveIn() {
        String scheme = "https".equals(base.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + base.toString().substring(base.getScheme().length()) + "/recordings/live/in");
    }

    public HttpClient client() {
        return client;
    }

    public String authorization() {
        return authorization;
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
