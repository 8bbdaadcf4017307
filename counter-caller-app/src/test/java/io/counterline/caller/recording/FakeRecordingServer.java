package io.counterline.caller.recording;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The branch console's side of the recording contract (docs/recording.md, "Contract"), played
 * by the tests on loopback: a test double of the other side, not the real endpoint (that one is
 * the console's and is tested there). It keeps what a cut connection delivered before it broke,
 * as a resumable server should, and checks the SHA-256 when a segment is whole.
 */
final class FakeRecordingServer implements AutoCloseable {
    static final class Upload {
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        volatile boolean complete;
        volatile String sha256;
    }

    private final String authorization;
    private final Javalin app;
    final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    /** "HEAD id", "PATCH id @offset", in order of arrival. */
    final List<String> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger refusedAuth = new AtomicInteger();
    final List<ByteBuffer> liveFrames = new CopyOnWriteArrayList<>();
    final AtomicInteger liveConnects = new AtomicInteger();
    private final java.util.Set<String> liveSessions = ConcurrentHashMap.newKeySet();
    final AtomicInteger liveCloses = new AtomicInteger();

    FakeRecordingServer(String device, String secret, int port) {
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (device + ":" + secret).getBytes(StandardCharsets.UTF_8));
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.head("/recordings/upload/{id}", this::head);
            config.routes.patch("/recordings/upload/{id}", this::patch);
            config.routes.ws("/recordings/live/in", ws -> {
                ws.onConnect(ctx -> {
                    if (!authorization.equals(ctx.header("Authorization"))) {
                        refusedAuth.incrementAndGet();
                        ctx.closeSession();
                        return;
                    }
                    liveSessions.add(ctx.sessionId());
                    liveConnects.incrementAndGet();
                });
                ws.onBinaryMessage(ctx -> {
                    if (!liveSessions.contains(ctx.sessionId())) {
                        return; // refused at connect; what it sent before the close is dropped
                    }
                    ByteBuffer copy = ByteBuffer.allocate(ctx.data().remaining());
                    copy.put(ctx.data()).flip();
                    liveFrames.add(copy);
                });
                ws.onClose(ctx -> liveCloses.incrementAndGet());
            });
        });
        app.start("127.0.0.1", port);
    }

    int port() {
        return app.port();
    }

    private boolean authorized(Context ctx) {
        if (authorization.equals(ctx.header("Authorization"))) {
            return true;
        }
        refusedAuth.incrementAndGet();
        ctx.status(401);
        return false;
    }

    private void head(Context ctx) {
        String id = ctx.pathParam("id");
        requests.add("HEAD " + id);
        if (!authorized(ctx)) {
            return;
        }
        Upload u = uploads.get(id);
        ctx.header("Upload-Offset", String.valueOf(u == null ? 0 : u.data.size()));
        if (u != null && u.complete) {
            ctx.header("Upload-Complete", "?1");
        }
        ctx.status(200);
    }

    private void patch(Context ctx) throws Exception {
        String id = ctx.pathParam("id");
        long offset = Long.parseLong(ctx.header("Upload-Offset"));
        long length = Long.parseLong(ctx.header("Upload-Length"));
        String sha = ctx.header("Recording-Sha256");
        requests.add("PATCH " + id + " @" + offset);
        if (!authorized(ctx)) {
            return;
        }
        Upload u = uploads.computeIfAbsent(id, k -> new Upload());
        synchronized (u) {
            if (u.complete) {
                ctx.header("Upload-Complete", "?1").status(201);
                return;
            }
            if (offset != u.data.size()) {
                ctx.header("Upload-Offset", String.valueOf(u.data.size())).status(409);
                return;
            }
            byte[] buf = new byte[8192];
            try (InputStream in = ctx.req().getInputStream()) {
                for (int n; u.data.size() < length && (n = in.read(buf, 0, (int) Math.min(buf.length,
                        length - u.data.size()))) > 0; ) {
                    u.data.write(buf, 0, n); // kept as it arrives: a cut connection keeps what came
                }
            } catch (IOException e) {
                return; // the connection is gone; what arrived stays
            }
            if (u.data.size() < length) {
                ctx.header("Upload-Offset", String.valueOf(u.data.size())).status(204);
                return;
            }
            String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(u.data.toByteArray()));
            if (!actual.equals(sha)) {
                uploads.remove(id);
                ctx.status(422);
                return;
            }
            u.sha256 = actual;
            u.complete = true;
            ctx.header("Upload-Complete", "?1").header("Upload-Offset", String.valueOf(length)).status(201);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
