package org.advlens.app;

import javafx.application.Application;

/**
 * Starts the desktop application. A plain {@code main} (not in an {@link Application} subclass), so the
 * application runs from the class path without JavaFX on the module path.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(AdvLensApp.class, args);
    }
}
