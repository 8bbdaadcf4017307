package io.counterline.hall;

import javafx.application.Application;

/**
 * Starts {@link HallDisplayApp}. A separate class because the Java launcher refuses a main class
 * that extends {@code Application} when JavaFX is on the class path rather than the module path
 * ("JavaFX runtime components are missing").
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Application.launch(HallDisplayApp.class, args);
    }
}
