package org.advlens.app.common;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** File and folder choosers with the application's filters, opening in the last folder used. */
public final class FileDialogs {

    public static final FileChooser.ExtensionFilter MODELS =
            new FileChooser.ExtensionFilter("Models (DL4J zip, Keras h5, ONNX)", "*.zip", "*.h5", "*.hdf5", "*.keras",
                    "*.onnx");
    public static final FileChooser.ExtensionFilter IMAGES =
            new FileChooser.ExtensionFilter("Images (PNG, JPEG, BMP, GIF)", "*.png", "*.jpg", "*.jpeg", "*.bmp",
                    "*.gif", "*.PNG", "*.JPG", "*.JPEG");
    public static final FileChooser.ExtensionFilter IDX =
            new FileChooser.ExtensionFilter("IDX files (idx3/idx1, plain or gz)", "*idx*", "*.gz", "*.ubyte");
    public static final FileChooser.ExtensionFilter ZIP = new FileChooser.ExtensionFilter("DL4J zip", "*.zip");
    public static final FileChooser.ExtensionFilter ALL = new FileChooser.ExtensionFilter("All files", "*");

    private final Supplier<Path> initialDirectory;

    /** @param initialDirectory the folder to open in, or a supplier of {@code null} */
    public FileDialogs(Supplier<Path> initialDirectory) {
        this.initialDirectory = initialDirectory;
    }

    public Optional<Path> open(Window owner, String title, FileChooser.ExtensionFilter... filters) {
        FileChooser chooser = chooser(title, filters);
        return path(chooser.showOpenDialog(owner));
    }

    public Optional<Path> save(Window owner, String title, String initialName, FileChooser.ExtensionFilter filter) {
        FileChooser chooser = chooser(title, filter);
        chooser.setInitialFileName(initialName);
        return path(chooser.showSaveDialog(owner));
    }

    public Optional<Path> folder(Window owner, String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        Path dir = initialDirectory.get();
        if (dir != null) {
            chooser.setInitialDirectory(dir.toFile());
        }
        return path(chooser.showDialog(owner));
    }

    private FileChooser chooser(String title, FileChooser.ExtensionFilter... filters) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(filters);
        if (!chooser.getExtensionFilters().contains(ALL)) {
            chooser.getExtensionFilters().add(ALL);
        }
        Path dir = initialDirectory.get();
        if (dir != null) {
            chooser.setInitialDirectory(dir.toFile());
        }
        return chooser;
    }

    private static Optional<Path> path(File f) {
        return Optional.ofNullable(f).map(File::toPath);
    }
}
