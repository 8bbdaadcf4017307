package io.counterline.server.queue;

import io.counterline.protocol.CallsState;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The latest calls, newest first, as hall displays show them. Engine thread only. */
final class RecentCalls {
    static final int KEPT = 10;

    private final Deque<CallsState.Call> calls = new ArrayDeque<>();

    void add(CallsState.Call call) {
        calls.addFirst(call);
        while (calls.size() > KEPT) {
            calls.removeLast();
        }
    }

    /** Restores a stored call, walking from the newest to older ones. */
    void addOlder(CallsState.Call call) {
        if (calls.size() < KEPT) {
            calls.addLast(call);
        }
    }

    List<CallsState.Call> list() {
        return List.copyOf(calls);
    }

    void clear() {
        calls.clear();
    }
}
