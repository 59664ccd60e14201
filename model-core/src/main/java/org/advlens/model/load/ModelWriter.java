package org.advlens.model.load;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.advlens.model.ModelDescription;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Saves DL4J networks as model zips that carry their own {@link ModelDescription} (zip entry
 * {@value ModelDescription#ZIP_ENTRY}), so that {@link ModelLoader} needs no side file.
 */
public final class ModelWriter {

    private ModelWriter() {
    }

    /**
     * Writes {@code network} (a MultiLayerNetwork or ComputationGraph) with {@link ModelSerializer}, without
     * the updater state, then adds the description entry.
     */
    public static void save(Model network, ModelDescription description, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        // written beside the target and renamed, so that a crash never leaves a half-written model
        Path temp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".tmp");
        try {
            ModelSerializer.writeModel(network, temp.toFile(), false);
            embedDescription(temp, description);
            try {
                Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Adds or replaces the description entry of an existing DL4J model zip. */
    public static void embedDescription(Path zip, ModelDescription description) throws IOException {
        URI uri = URI.create("jar:" + zip.toAbsolutePath().toUri());
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
            Files.writeString(fs.getPath("/" + ModelDescription.ZIP_ENTRY), description.toJson(),
                    StandardCharsets.UTF_8);
        }
    }
}
