package io.counterline.pad.screen;

import io.counterline.ui.Fonts;
import io.counterline.health.DeviceHealth;
import io.counterline.pad.rating.PadState;
import io.counterline.pad.rating.RatingController;
import io.counterline.protocol.Bodies.RatingArm;
import io.counterline.protocol.Health;
import io.counterline.protocol.HealthLevel;
import io.counterline.protocol.RatingLevel;
import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pad's optional screen, a view of {@link RatingController}: idle, armed (the teller's
 * name, employee number and photo, the prompt and the four levels as buttons that call the same
 * {@link RatingController#press} as the keys), and the thank-you. A line at the bottom shows the
 * device health when it is not ok. The photo is the one the arm names (uploaded in the console,
 * fetched once by its checksum into {@link PhotoCache}); for an arm without one, the configured
 * photo folder's, else a placeholder.
 *
 * <p>States arrive on the controller's thread and health on whichever thread reported it; both
 * are handed to the JavaFX thread here. Nodes the tests look up carry CSS ids: {@code #idle},
 * {@code #armed}, {@code #thanks}, {@code #tellerName}, {@code #employeeNo}, {@code #photo},
 * {@code #photoPlaceholder}, {@code #prompt}, {@code #rate-<level>}, {@code #thanksText},
 * {@code #health}.
 */
public final class PadScreen {
    static final String PROMPT = "请您对我的服务进行评价";
    static final String THANKS = "谢谢，请慢走";
    private static final Logger log = LoggerFactory.getLogger(PadScreen.class);
    private static final double PHOTO_WIDTH = 180;
    private static final double PHOTO_HEIGHT = 240;

    private final RatingController controller;
    private final DeviceHealth health;
    private final TellerPhotos photos;
    private final PhotoCache cache;
    private final StackPane root = new StackPane();
    private final VBox idle = new VBox();
    private final VBox armed = new VBox();
    private final VBox thanks = new VBox();
    private final Label tellerName = label("tellerName", "teller-name");
    private final Label employeeNo = label("employeeNo", "employee-no");
    private final ImageView photo = new ImageView();
    private final Label photoPlaceholder = label("photoPlaceholder", "photo-placeholder");
    private final Label given = label("given", "given");
    private final Label healthLine = label("health", "health");
    private volatile boolean stopped;
    private String shownPhoto; // JavaFX thread: the teller and photo on screen now

    /**
     * @param photoFolder photos by teller id, for arms that name no photo
     * @param photoCache  where photos fetched from the console are kept (e.g. in the pad's data folder)
     */
    public PadScreen(RatingController controller, DeviceHealth health, Optional<Path> photoFolder, Path photoCache) {
        this.controller = controller;
        this.health = health;
        this.photos = new TellerPhotos(photoFolder);
        this.cache = new PhotoCache(photoCache);
        build();
    }

    public Parent root() {
        return root;
    }

    /** Starts following the controller and the health; call once, on any thread. */
    public void start() {
        controller.onChange(s -> onFx(() -> render(s)));
        health.onChange(h -> onFx(() -> renderHealth(h)));
        onFx(() -> renderHealth(health.overall()));
    }

    /** Stops updating; the controller's listeners stay registered but do nothing. */
    public void stop() {
        stopped = true;
        cache.close();
    }

    private void build() {
        String family = Fonts.family(Font.getFamilies());
        log.info("Pad screen font family: {}", family);
        root.setStyle("-fx-font-family: \"" + family + "\";");
        root.getStylesheets().add(PadScreen.class.getResource("pad.css").toExternalForm());
        root.getStyleClass().add("pad");
        root.setId("pad");

        idle.setId("idle");
        idle.getStyleClass().add("page");
        idle.getChildren().addAll(label("welcome", "welcome", "欢迎光临"), label(null, "welcome-en", "Welcome"));

        photo.setId("photo");
        photo.setFitWidth(PHOTO_WIDTH);
        photo.setFitHeight(PHOTO_HEIGHT);
        photo.setPreserveRatio(true);
        photoPlaceholder.setText("照片\nPhoto");
        photoPlaceholder.setPrefSize(PHOTO_WIDTH, PHOTO_HEIGHT);
        StackPane photoBox = new StackPane(photoPlaceholder, photo);
        photoBox.getStyleClass().add("photo-box");
        VBox teller = new VBox(tellerName, employeeNo, label("prompt", "prompt", PROMPT));
        teller.getStyleClass().add("teller");
        HBox card = new HBox(photoBox, teller);
        card.getStyleClass().add("card");
        HBox levels = new HBox();
        levels.getStyleClass().add("levels");
        for (RatingLevel level : RatingLevel.values()) {
            Button button = new Button(level.label());
            button.setId("rate-" + level.wire());
            button.getStyleClass().addAll("level", level.wire());
            button.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(button, Priority.ALWAYS);
            button.setOnAction(e -> controller.press(level));
            levels.getChildren().add(button);
        }
        armed.setId("armed");
        armed.getStyleClass().add("page");
        armed.getChildren().addAll(card, levels);

        thanks.setId("thanks");
        thanks.getStyleClass().add("page");
        thanks.getChildren().addAll(label("thanksText", "thanks-text", THANKS), label(null, "thanks-en", "Thank you"),
                given);

        healthLine.setVisible(false);
        BorderPane frame = new BorderPane(new StackPane(idle, armed, thanks));
        frame.setBottom(healthLine);
        BorderPane.setAlignment(healthLine, Pos.CENTER);
        root.getChildren().add(frame);
        render(PadState.STARTING);
    }

    private void render(PadState state) {
        show(idle, state.phase() == PadState.Phase.IDLE);
        show(armed, state.phase() == PadState.Phase.ARMED);
        show(thanks, state.phase() == PadState.Phase.THANKS);
        if (state.phase() == PadState.Phase.ARMED) {
            showTeller(state.arm());
        }
        given.setText(state.given() == null ? "" : "您的评价：" + state.given().label());
    }

    private void showTeller(RatingArm arm) {
        tellerName.setText(arm.teller().name());
        employeeNo.setText("工号 " + arm.teller().employeeNo());
        String key = arm.teller().id() + "/" + (arm.photo() == null ? "" : arm.photo().sha256());
        if (key.equals(shownPhoto)) {
            return;
        }
        shownPhoto = key;
        if (arm.photo() == null) {
            showPhoto(photos.find(arm.teller().id()));
            return;
        }
        Optional<Path> cached = cache.cached(arm.photo().sha256());
        showPhoto(cached);
        if (cached.isEmpty()) {
            // Shown when it arrives, if this teller's arm is still on screen.
            cache.fetch(arm.photo(), file -> onFx(() -> {
                if (key.equals(shownPhoto)) {
                    showPhoto(Optional.of(file));
                }
            }));
        }
    }

    private void showPhoto(Optional<Path> file) {
        Image image = file.map(p -> new Image(p.toUri().toString(), PHOTO_WIDTH, PHOTO_HEIGHT, true, true))
                .filter(i -> !i.isError())
                .orElse(null);
        photo.setImage(image);
        photo.setVisible(image != null);
        photoPlaceholder.setVisible(image == null);
    }

    private void renderHealth(Health h) {
        healthLine.setVisible(h.level() != HealthLevel.OK);
        healthLine.setText(h.level() == HealthLevel.OK ? "" : "设备状态 " + h.level().wire() + "：" + h.reason());
    }

    private void onFx(Runnable task) {
        if (!stopped) {
            Platform.runLater(() -> {
                if (!stopped) {
                    task.run();
                }
            });
        }
    }

    private static void show(Node page, boolean visible) {
        page.setVisible(visible);
        page.setManaged(visible);
    }

    private static Label label(String id, String style) {
        return label(id, style, "");
    }

    private static Label label(String id, String style, String text) {
        Label l = new Label(text);
        if (id != null) {
            l.setId(id);
        }
        l.getStyleClass().add(style);
        return l;
    }
}
