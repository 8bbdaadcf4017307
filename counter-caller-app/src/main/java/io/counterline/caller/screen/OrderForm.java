package io.counterline.caller.screen;

import io.counterline.caller.supervision.OrderTexts;
import io.counterline.caller.teller.CounterView;
import io.counterline.caller.teller.TellerController;
import io.counterline.caller.teller.TellerException;
import io.counterline.protocol.Bodies;
import io.counterline.protocol.ErrorInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The work-order form over the teller screen (docs/counter-caller.md): the teller picks a
 * category (touch, or keys 1–4), types what the customer said and, if the customer wishes, a
 * contact, and registers it ({@code order.create}); the server links the ticket at the counter.
 * The form closes on success (the screen's green line names the order's number and deadline) and
 * stays open with the reason on a refusal, so nothing typed is lost. While it is open the keypad
 * belongs to it; the physical call button still works.
 *
 * <p>Where the counter is recorded, "口述 Dictate" records the teller's channel as a voice note
 * (at most two minutes; pressed again it stops); the order may then be registered with an empty
 * note. Registering while dictating stops the note first. Without recording the button is hidden.
 *
 * <p>CSS ids: {@code #orderForm}, {@code #orderTicket}, {@code #category-<id>}, {@code #orderNote},
 * {@code #orderContact}, {@code #orderDictate}, {@code #orderVoiceNote}, {@code #orderError},
 * {@code #orderSubmit}, {@code #orderCancel}; the
 * screen's header button is {@code #order}. JavaFX thread only.
 */
final class OrderForm {
    private final TellerController controller;
    private final VBox root = new VBox();
    private final Label ticket = new Label();
    private final Map<String, Button> categories = new LinkedHashMap<>();
    private final TextArea note = new TextArea();
    private final TextField contact = new TextField();
    private final Label error = new Label();
    private final Button submit = new Button("登记 Register");
    private final ToggleButton dictate = new ToggleButton(DICTATE);
    private final Label voiceNoteLabel = new Label();
    private static final String DICTATE = "口述 Dictate";
    private String category;
    /** The recording id of the voice note dictated for this order, or null. */
    private String voiceNote;
    /** Completes when the dictation being stopped is closed: nothing is registered before. */
    private CompletableFuture<String> stopping = CompletableFuture.completedFuture(null);
    private boolean sending;
    /** The character of the digit key that just picked a category: it must not land in the note. */
    private String pickedBy = "";

    OrderForm(TellerController controller) {
        this.controller = controller;
        root.setId("orderForm");
        root.getStyleClass().addAll("chooser", "order-form");
        root.setVisible(false);
        root.setMaxSize(560, Region.USE_PREF_SIZE);
        StackPane.setAlignment(root, Pos.CENTER);
        ticket.setId("orderTicket");
        ticket.getStyleClass().add("caption");
        HBox row = new HBox();
        row.getStyleClass().add("order-categories");
        for (int i = 0; i < OrderTexts.CATEGORIES.size(); i++) {
            OrderTexts.Category c = OrderTexts.CATEGORIES.get(i);
            Button b = new Button((i + 1) + " " + c.label());
            b.setId("category-" + c.id());
            b.getStyleClass().add("choice");
            b.setFocusTraversable(false);
            b.setOnAction(e -> pick(c.id()));
            categories.put(c.id(), b);
            row.getChildren().add(b);
        }
        note.setId("orderNote");
        note.setPromptText("客户反映的内容 What the customer said");
        note.setWrapText(true);
        note.setPrefRowCount(4);
        note.setTextFormatter(limit(Bodies.NewOrder.MAX_ORDER_TEXT));
        contact.setId("orderContact");
        contact.setPromptText("联系方式（选填） Contact (optional)");
        contact.setTextFormatter(limit(Bodies.NewOrder.MAX_ORDER_CONTACT));
        contact.setOnAction(e -> submit());
        error.setId("orderError");
        error.getStyleClass().add("message");
        error.managedProperty().bind(error.visibleProperty());
        submit.setId("orderSubmit");
        submit.getStyleClass().add("choice");
        submit.setFocusTraversable(false);
        submit.setOnAction(e -> submit());
        Button cancel = new Button("取消 Cancel");
        cancel.setId("orderCancel");
        cancel.getStyleClass().add("choice");
        cancel.setFocusTraversable(false);
        cancel.setOnAction(e -> close());
        dictate.setId("orderDictate");
        dictate.getStyleClass().add("choice");
        dictate.setFocusTraversable(false);
        dictate.setOnAction(e -> dictate(dictate.isSelected()));
        dictate.managedProperty().bind(dictate.visibleProperty());
        voiceNoteLabel.setId("orderVoiceNote");
        voiceNoteLabel.getStyleClass().add("caption");
        voiceNoteLabel.managedProperty().bind(voiceNoteLabel.visibleProperty());
        root.getChildren().addAll(ticket, row, note, new HBox(dictate, voiceNoteLabel), contact, error,
                new HBox(submit, cancel));
        // A digit's KEY_TYPED follows its KEY_PRESSED, after the pick moved the focus to the note.
        root.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            if (!pickedBy.isEmpty() && pickedBy.equals(e.getCharacter())) {
                e.consume();
            }
            pickedBy = "";
        });
    }

    Node root() {
        return root;
    }

    boolean isOpen() {
        return root.isVisible();
    }

    /** Opens an empty form for the customer at the counter now. */
    void open(CounterView v) {
        category = null;
        note.clear();
        contact.clear();
        error.setVisible(false);
        sending = false;
        categories.values().forEach(b -> b.getStyleClass().remove("chosen"));
        voiceNote = null;
        dictate.setSelected(false);
        dictate.setText(DICTATE);
        dictate.setVisible(controller.dictates());
        voiceNoteLabel.setVisible(false);
        render(v);
        root.setVisible(true);
        root.requestFocus();
    }

    void close() {
        if (dictate.isSelected()) {
            dictate(false); // the note is kept and uploaded as a recording of the ticket, without an order
        }
        root.setVisible(false);
    }

    private void dictate(boolean on) {
        dictate.setSelected(on);
        if (on) {
            controller.startDictation();
            dictate.setText("■ 停止口述 Stop");
            voiceNoteLabel.setText("● 口述中 Dictating…");
            voiceNoteLabel.setVisible(true);
            return;
        }
        dictate.setText(DICTATE);
        // Completes only once the note is taken on the JavaFX thread, so a Register waiting for it sees it.
        stopping = controller.stopDictation().exceptionally(failure -> Optional.empty())
                .thenCompose(id -> onFx(() -> takeNote(id)));
    }

    private String takeNote(Optional<String> id) {
        id.ifPresent(n -> voiceNote = n);
        voiceNoteLabel.setText(voiceNote != null ? "✓ 已口述 Voice note recorded" : "口述无声音 Nothing recorded");
        return voiceNote;
    }

    /** Keeps the linked ticket shown as the counter changes; closes when the teller signs out. */
    void render(CounterView v) {
        ticket.setText("登记工单 Work order — " + (v.ticket() == null ? "无当前号 no current ticket"
                : "当前 current " + v.ticket().number()));
        if (!v.signedIn()) {
            close();
        }
    }

    /** The keypad while the form is open: 1–4 pick, Enter registers, Esc/Backspace cancels; typing goes to the fields. */
    void key(KeyEvent e) {
        boolean typing = e.getTarget() instanceof TextInputControl;
        pickedBy = "";
        if (e.getCode() == KeyCode.ESCAPE) {
            close();
            e.consume();
            return;
        }
        if (typing) {
            if (e.getCode() == KeyCode.ENTER && e.isControlDown()) {
                submit();
                e.consume();
            }
            return;
        }
        OptionalInt n = Keypad.choice(e.getCode());
        if (n.isPresent() && n.getAsInt() <= OrderTexts.CATEGORIES.size()) {
            pickedBy = Integer.toString(n.getAsInt());
            pick(OrderTexts.CATEGORIES.get(n.getAsInt() - 1).id());
        } else if (e.getCode() == KeyCode.ENTER) {
            submit();
        } else if (Keypad.cancels(e.getCode())) {
            close();
        }
        e.consume();
    }

    private void pick(String id) {
        category = id;
        categories.forEach((k, b) -> {
            b.getStyleClass().remove("chosen");
            if (k.equals(id)) {
                b.getStyleClass().add("chosen");
            }
        });
        note.requestFocus();
    }

    private void submit() {
        if (sending) {
            return;
        }
        if (category == null) {
            show("请先选择类别（1–4）  Pick a category first (1–4)");
            return;
        }
        if (dictate.isSelected()) {
            dictate(false);
        }
        sending = true;
        stopping.thenCompose(ignored -> onFx(() -> voiceNote)).thenCompose(voice -> controller.createOrder(category,
                note.getText(), contact.getText(), voice)).whenComplete((created, failure) ->
                Platform.runLater(() -> {
                    sending = false;
                    if (failure == null) {
                        close();
                    } else {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        ErrorInfo info = cause instanceof TellerException t ? t.error() : null;
                        show(info == null ? cause.getMessage() : info.messageZh() + "  " + info.message());
                    }
                }));
    }

    private static <T> CompletableFuture<T> onFx(Supplier<T> read) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> result.complete(read.get()));
        return result;
    }

    private void show(String text) {
        error.setText(text);
        error.setVisible(true);
    }

    private static TextFormatter<String> limit(int max) {
        return new TextFormatter<>(change -> change.getControlNewText().length() <= max ? change : null);
    }
}
