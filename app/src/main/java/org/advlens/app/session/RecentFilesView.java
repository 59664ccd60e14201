package org.advlens.app.session;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/** An "Open Recent" menu over one of the session's recent-file lists. */
public final class RecentFilesView extends Menu {

    public RecentFilesView(String title, ObservableList<Path> files, Consumer<Path> open) {
        super(title);
        Runnable rebuild = () -> {
            getItems().clear();
            if (files.isEmpty()) {
                MenuItem none = new MenuItem("(none yet)");
                none.setDisable(true);
                getItems().add(none);
                return;
            }
            int i = 1;
            for (Path p : files) {
                String label = (i <= 9 ? "_" + i + "  " : "   ") + p.getFileName().toString().replace("_", "__") + "  —  " + parentOf(p);
                MenuItem item = new MenuItem(label);
                item.setMnemonicParsing(true);
                item.setOnAction(e -> open.accept(p));
                getItems().add(item);
                i++;
            }
            getItems().add(new SeparatorMenuItem());
            MenuItem clear = new MenuItem("Clear list");
            clear.setOnAction(e -> files.clear());
            getItems().add(clear);
        };
        files.addListener((ListChangeListener<Path>) c -> rebuild.run());
        rebuild.run();
    }

    private static String parentOf(Path p) {
        Path parent = p.getParent();
        return parent == null ? "" : parent.toString().replace("_", "__");
    }
}
