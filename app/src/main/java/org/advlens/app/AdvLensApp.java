package org.advlens.app;

import javafx.application.Application;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.advlens.app.session.SessionStore;
import org.advlens.app.session.SessionStore.WindowBounds;
import org.advlens.app.shell.DemoMode;
import org.advlens.app.shell.MainView;
import org.advlens.app.shell.MainViewModel;
import org.advlens.app.shell.UiWatchdog;

/**
 * The JavaFX application: opens the main window where it was last time, on the bundled model with the bundled
 * samples, and saves the session when it closes; a {@link UiWatchdog} logs any stall of the FX thread. Started
 * through {@link Launcher}.
 */
public class AdvLensApp extends Application {

    private static final double DEFAULT_WIDTH = 1360;
    private static final double DEFAULT_HEIGHT = 860;

    private MainViewModel viewModel;
    private UiWatchdog watchdog;

    @Override
    public void start(Stage stage) {
        if (!Boolean.getBoolean("advlens.watchdog.off")) {
            watchdog = UiWatchdog.start();
        }
        viewModel = new MainViewModel(SessionStore.standard());
        MainView view = new MainView(viewModel, stage);
        WindowBounds saved = viewModel.session().windowProperty().get();
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = view.createScene(Math.min(screen.getWidth(), saved != null ? saved.width() : DEFAULT_WIDTH),
                Math.min(screen.getHeight(), saved != null ? saved.height() : DEFAULT_HEIGHT));
        stage.setScene(scene);
        stage.setTitle("AdvLens");
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        if (saved != null && onScreen(saved)) {
            stage.setX(saved.x());
            stage.setY(saved.y());
            stage.setMaximized(saved.maximized());
        }
        stage.setOnHiding(e -> rememberBounds(stage));
        stage.show();
        viewModel.startUp();
        DemoMode.fromSystemProperties().ifPresent(demo -> demo.start(viewModel, stage));
    }

    @Override
    public void stop() {
        if (watchdog != null) {
            watchdog.close();
        }
        if (viewModel != null) {
            viewModel.close();
        }
    }

    /** The FX-thread watchdog, or {@code null} when switched off with {@code -Dadvlens.watchdog.off=true}. */
    UiWatchdog watchdog() {
        return watchdog;
    }

    /** The main window's view model (for tests). */
    MainViewModel viewModel() {
        return viewModel;
    }

    private void rememberBounds(Stage stage) {
        if (viewModel != null && stage.getWidth() > 0) {
            viewModel.session().windowProperty().set(new WindowBounds(stage.getX(), stage.getY(), stage.getWidth(),
                    stage.getHeight(), stage.isMaximized()));
            viewModel.session().save();
        }
    }

    private static boolean onScreen(WindowBounds b) {
        Rectangle2D r = new Rectangle2D(b.x(), b.y(), Math.max(1, b.width()), Math.max(1, b.height()));
        return Screen.getScreens().stream().anyMatch(s -> s.getVisualBounds().intersects(r));
    }
}
