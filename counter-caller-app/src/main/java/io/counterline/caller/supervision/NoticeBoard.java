package io.counterline.caller.supervision;

import io.counterline.protocol.Bodies.SupervisionNotice;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The supervision notices (催办, 督办) the server sent to the teller signed in here, newest first,
 * at most {@value #KEPT}: a reminder on the side of the screen, never in the way of calling (no
 * sound, no focus, no dialog). A newer notice of the same order replaces the older one; the
 * teller dismisses them one by one; signing out clears them (they were for that teller).
 *
 * <p>Thread-safe; listeners get the new list on the thread that changed it and must return
 * quickly (the screen hands it to the JavaFX thread).
 */
public final class NoticeBoard {
    /** How many notices the screen has room for; the console lists them all. */
    public static final int KEPT = 3;

    private final List<SupervisionNotice> notices = new ArrayList<>();
    private final List<Consumer<List<SupervisionNotice>>> listeners = new CopyOnWriteArrayList<>();

    public void add(SupervisionNotice n) {
        List<SupervisionNotice> now;
        synchronized (this) {
            notices.removeIf(o -> o.order() == n.order());
            notices.add(0, n);
            while (notices.size() > KEPT) {
                notices.remove(notices.size() - 1);
            }
            now = List.copyOf(notices);
        }
        tell(now);
    }

    public void dismiss(long order) {
        List<SupervisionNotice> now;
        synchronized (this) {
            if (!notices.removeIf(o -> o.order() == order)) {
                return;
            }
            now = List.copyOf(notices);
        }
        tell(now);
    }

    public void clear() {
        synchronized (this) {
            if (notices.isEmpty()) {
                return;
            }
            notices.clear();
        }
        tell(List.of());
    }

    public synchronized List<SupervisionNotice> notices() {
        return List.copyOf(notices);
    }

    /** {@code listener} gets the list now and after every change. */
    public void subscribe(Consumer<List<SupervisionNotice>> listener) {
        listeners.add(listener);
        listener.accept(notices());
    }

    private void tell(List<SupervisionNotice> now) {
        listeners.forEach(l -> l.accept(now));
    }
}
