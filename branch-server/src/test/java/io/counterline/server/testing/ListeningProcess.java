package io.counterline.server.testing;

import io.counterline.testing.Listening;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Common life of a broker process: start, wait for its port, SIGKILL, report its log on failure. */
abstract class ListeningProcess implements BrokerProcess {
    protected final int port;
    protected final Path log;
    private Process process;
    /** Where this start's part of the (appended) log begins. */
    private long logOffset;

    ListeningProcess(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    protected abstract ProcessBuilder command() throws IOException;

    @Override
    public void start() throws Exception {
        logOffset = Files.exists(log) ? Files.size(log) : 0;
        process = command().redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Listening.await(name(), process, port, this::ready, this::logText);
    }

    /** Whether it serves: by default, once its port accepts TCP. */
    protected boolean ready() {
        return Listening.accepts(port);
    }

    @Override
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(name() + " survived SIGKILL");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while killing " + name(), e);
            }
        }
    }

    @Override
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        kill();
    }

    /** What the process logged since its latest start. */
    protected String logSinceStart() {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(logOffset, all.length);
            return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    protected String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
