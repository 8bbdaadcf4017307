package io.counterline.console.signage;

/**
 * Where hall displays fetch media ({@code <console url>media/}), known once the web server has
 * bound its port (port 0 in tests picks one).
 */
public final class MediaUrl {
    private volatile String url = "http://127.0.0.1/media/";

    public String get() {
        return url;
    }

    public void set(String url) {
        this.url = url;
    }
}
