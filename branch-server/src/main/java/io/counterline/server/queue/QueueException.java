package io.counterline.server.queue;

/**
 * A request the engine refuses. Thrown before anything is changed, so the batch it is in goes
 * on and only this request is answered with the error.
 */
public final class QueueException extends Exception {
    private static final long serialVersionUID = 1L;
    private final QueueError error;

    QueueException(QueueError error, String detail) {
        super(detail.isEmpty() ? error.name() : error.name() + ": " + detail, null, false, false);
        this.error = error;
    }

    public QueueError error() {
        return error;
    }
}
