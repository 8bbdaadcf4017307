package io.counterline.console.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends a file answering one HTTP byte range ({@code Range: bytes=a-b | a- | -n}): 206 with
 * {@code Content-Range}, 416 with {@code Content-Range: bytes *}{@code /size} outside the file, the
 * whole file (200) without a range or with a form not understood (several ranges). Javalin's own
 * seekable writer answers ranges only for some content types; hall media and recordings use this.
 */
public final class RangedFile {
    private RangedFile() {
    }

    public static void send(Context ctx, Path file, String contentType) throws IOException {
        long size = Files.size(file);
        ctx.header("Accept-Ranges", "bytes").contentType(contentType);
        long[] range = range(ctx.header("Range"), size);
        if (range == null) {
            ctx.header("Content-Length", Long.toString(size)).result(Files.newInputStream(file));
            return;
        }
        if (range.length == 0) {
            ctx.header("Content-Range", "bytes */" + size).status(HttpStatus.RANGE_NOT_SATISFIABLE);
            return;
        }
        InputStream in = Files.newInputStream(file);
        in.skipNBytes(range[0]);
        long length = range[1] - range[0] + 1;
        ctx.status(HttpStatus.PARTIAL_CONTENT).header("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + size)
                .header("Content-Length", Long.toString(length)).result(new FilterInputStream(in) {
                    private long left = length;

                    @Override
                    public int read() throws IOException {
                        return left-- > 0 ? super.read() : -1;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (left <= 0) {
                            return -1;
                        }
                        int n = super.read(b, off, (int) Math.min(len, left));
                        left -= Math.max(n, 0);
                        return n;
                    }
                });
    }

    /**
     * One byte range: null for none (or a form not understood: the whole file), an empty array
     * when it is outside the file (416).
     */
    static long[] range(String header, long size) {
        if (header == null || !header.matches("bytes=\\d{0,18}-\\d{0,18}") || header.equals("bytes=-")) {
            return null;
        }
        String[] ab = header.substring(6).split("-", -1);
        long first;
        long last;
        if (ab[0].isEmpty()) {
            long n = Long.parseLong(ab[1]);
            first = Math.max(0, size - n);
            last = size - 1;
        } else {
            first = Long.parseLong(ab[0]);
            last = ab[1].isEmpty() ? size - 1 : Math.min(Long.parseLong(ab[1]), size - 1);
        }
        return first > last || first >= size ? new long[0] : new long[] {first, last};
    }
}
