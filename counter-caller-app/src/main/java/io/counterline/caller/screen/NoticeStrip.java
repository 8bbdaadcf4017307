package io.counterline.caller.screen;

import io.counterline.caller.supervision.NoticeBoard;
import io.counterline.caller.supervision.OrderTexts;
import io.counterline.protocol.Bodies.SupervisionNotice;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The supervision notices of the teller signed in here (催办, 督办), one line each at the foot of
 * the screen, with a button to dismiss it: no sound, no focus taken, nothing covering the counter,
 * so calling goes on undisturbed. CSS ids {@code #notices}, {@code #notice-<order>},
 * {@code #dismiss-<order>}.
 */
final class NoticeStrip {
    private final VBox root = new VBox();
    private final NoticeBoard board;

    NoticeStrip(NoticeBoard board) {
        this.board = board;
        root.setId("notices");
        root.getStyleClass().add("supervision-notices");
        root.managedProperty().bind(root.visibleProperty());
        root.setVisible(false);
        board.subscribe(list -> Platform.runLater(() -> render(list)));
    }

    Node root() {
        return root;
    }

    private void render(List<SupervisionNotice> notices) {
        root.getChildren().setAll(notices.stream().map(this::line).toList());
        root.setVisible(!notices.isEmpty());
    }

    private Node line(SupervisionNotice n) {
        Label text = new Label(OrderTexts.notice(n));
        text.setId("notice-" + n.order());
        text.getStyleClass().addAll("supervision-notice", "level-" + n.level());
        Button dismiss = new Button("知道了 OK");
        dismiss.setId("dismiss-" + n.order());
        dismiss.getStyleClass().add("small");
        dismiss.setFocusTraversable(false);
        dismiss.setOnAction(e -> board.dismiss(n.order()));
        HBox row = new HBox(text, dismiss);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
