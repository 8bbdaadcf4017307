package io.counterline.caller;

import io.counterline.caller.button.CallButtonListener;
import io.counterline.caller.display.DisplayFeed;
import io.counterline.caller.recording.AudioCapture;
import io.counterline.caller.recording.AudioCaptures;
import io.counterline.caller.recording.CallerRecording;
import io.counterline.caller.recording.IntercomRecorder;
import io.counterline.caller.teller.TellerController;
import io.counterline.caller.teller.VoiceNotes;
import io.counterline.caller.voice.AnnouncementQueue;
import io.counterline.caller.voice.CallPrompts;
import io.counterline.device.DeviceRuntime;
import io.counterline.protocol.Health;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The counter caller without a screen: the teller controller wired to the device runtime, the
 * counter display, the call button and the voice. The demo launcher and the benchmark start one
 * per counter and drive it through {@link #controller()} ({@code signIn}, {@code callNext},
 * {@code recall}, {@code start}, {@code complete}, {@code noShow}, {@code transferToService},
 * {@code transferToCounter}, {@code pause}, {@code resume}, {@code manualCall}, {@code retry},
 * each returning a future of the server's {@code CounterReply}); the JavaFX screen is one more
 * view on the same controller.
 *
 * <p>The node owns its threads ({@code caller}, {@code counter-display}, {@code caller-voice},
 * {@code caller-health}); the runtime and the hardware belong to whoever passed them in and
 * are closed by them after the node.
 */
public final class CallerNode implements AutoCloseable {
    /** How often the call button's health (stuck, released) is read; it has no listener for it. */
    private static final long HEALTH_POLL_MILLIS = 1000;

    private final CallerHardware hardware;
    private final AnnouncementQueue voice;
    private final DisplayFeed feed;
    private final TellerController controller;
    private CallerRecording recording;
    private final ScheduledExecutorService healthPoll = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "caller-health");
        t.setDaemon(true);
        return t;
    });

    private CallerNode(CallerSettings settings, DeviceRuntime runtime, CallerHardware hardware) {
        this.hardware = hardware;
        runtime.health().report("announcer", hardware.announcerAtStart());
        this.voice = new AnnouncementQueue(hardware.announcer(),
                h -> runtime.health().report("announcer", hardware.announcerAtStart().worst(h)));
        this.feed = new DisplayFeed(hardware.display(), settings.counterNumber(), settings.display().idleText(),
                h -> runtime.health().report("display", h));
        this.controller = new TellerController(settings, runtime,
                new CallPrompts(voice, settings.counterNumber(), settings.greeting()));
    }

    /** Wires and starts the caller for {@code settings.counter()} on a started runtime. */
    public static CallerNode start(CallerSettings settings, DeviceRuntime runtime, CallerHardware hardware) {
        return start(settings, runtime, hardware, null);
    }

    /**
     * As {@link #start(CallerSettings, DeviceRuntime, CallerHardware)}; when recording is enabled,
     * from {@code capture} (null: the source the settings name).
     */
    public static CallerNode start(CallerSettings settings, DeviceRuntime runtime, CallerHardware hardware,
                                   AudioCapture capture) {
        CallerNode node = new CallerNode(settings, runtime, hardware);
        node.controller.subscribe(view -> {
            node.feed.show(view.display());
            hardware.button().setLit(view.buttonLit());
        });
        hardware.button().setListener(new CallButtonListener() {
            @Override
            public void callNext() {
                node.controller.callNext(); // the outcome, good or bad, shows in the model
            }

            @Override
            public void recall() {
                node.controller.recall();
            }
        });
        Health buttonAtStart = hardware.buttonAtStart();
        node.healthPoll.scheduleWithFixedDelay(() -> runtime.health().report("call-button",
                buttonAtStart.worst(hardware.button().health())), 0, HEALTH_POLL_MILLIS, TimeUnit.MILLISECONDS);
        node.controller.listen();
        if (settings.recording().enabled()) {
            node.recording = startRecording(settings, runtime, node, capture);
            if (node.recording != null) {
                IntercomRecorder recorder = node.recording.recorder();
                node.controller.dictateWith(new VoiceNotes() {
                    @Override
                    public String start(String ticketId, String tellerId) {
                        return recorder.startVoiceNote(ticketId, tellerId);
                    }

                    @Override
                    public java.util.concurrent.CompletableFuture<java.util.Optional<String>> stop() {
                        return recorder.stopVoiceNote();
                    }
                });
            }
        }
        return node;
    }

    /** Recording never stops the caller: a failure to start is health, not an exception. */
    private static CallerRecording startRecording(CallerSettings settings, DeviceRuntime runtime, CallerNode node,
                                                  AudioCapture capture) {
        AudioCapture source = capture != null ? capture : AudioCaptures.open(settings.recording());
        try {
            return CallerRecording.start(settings.recording(), settings.counter(), runtime, source,
                    new CallerRecording.Counter() {
                        @Override
                        public void follow(CallerRecording.TransactionListener listener) {
                            node.controller.subscribe(view -> listener.counter(view.status(),
                                    view.ticket() == null ? null : view.ticket().id(),
                                    view.teller() == null ? null : view.teller().id()));
                        }

                        @Override
                        public void showRecording(boolean on) {
                            node.controller.showRecording(on);
                        }
                    }, node.voice::say);
        } catch (java.io.IOException e) {
            source.close();
            runtime.health().report("recording", Health.degraded("recording: cannot use "
                    + runtime.settings().dataDir().resolve("recordings") + ": " + e.getMessage()));
            return null;
        }
    }

    /** The recording, when enabled and started. */
    public java.util.Optional<CallerRecording> recording() {
        return java.util.Optional.ofNullable(recording);
    }

    public TellerController controller() {
        return controller;
    }

    public CallerHardware hardware() {
        return hardware;
    }

    /** Stops the node's threads in reverse order of start; the hardware keeps its last state. */
    @Override
    public void close() {
        hardware.button().setListener(null);
        if (recording != null) {
            recording.close();
        }
        healthPoll.shutdownNow();
        controller.close();
        feed.close();
        voice.close();
    }
}
