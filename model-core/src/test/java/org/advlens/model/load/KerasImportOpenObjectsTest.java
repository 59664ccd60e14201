package org.advlens.model.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.advlens.model.ModelLoadException;
import org.advlens.testing.ByteMutator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After failed Keras imports no HDF5 object of the private copies stays open, so the copies are gone from the disk,
 * not only from their folder.
 */
class KerasImportOpenObjectsTest {

    @TempDir
    Path dir;

    @Test
    void failedImportsLeaveNoOpenObjectsAndNoCopies() throws IOException {
        byte[] valid;
        try (InputStream in = KerasImportOpenObjectsTest.class.getResourceAsStream(
                "/org/advlens/model/keras-tiny-cnn.h5")) {
            valid = in.readAllBytes();
        }
        Path copies = Files.createDirectory(dir.resolve("copies"));
        Path input = dir.resolve("mutated.h5");
        List<String> failures = new ArrayList<>();
        // seeds 5,000,016 to 5,000,019 fail inside DL4J's weight import, which leaves HDF5 objects open
        for (long seed = 5_000_010L; seed < 5_000_025L; seed++) {
            Files.write(input, ByteMutator.mutate(valid, null, new Random(seed)));
            try {
                KerasImport.load(input, copies);
            } catch (ModelLoadException e) {
                failures.add(seed + ": " + e.getMessage());
            }
        }
        assertTrue(failures.stream().anyMatch(f -> f.startsWith("5000016: ")), String.join("\n", failures));
        try (Stream<Path> left = Files.list(copies)) {
            assertEquals(List.of(), left.toList());
        }
        assertEquals(0, Hdf5OpenObjects.countInFiles(), "HDF5 objects open after " + failures.size() + " failures");
        assertEquals(List.of(), descriptorsInto(copies), "descriptors of deleted copies still open");
    }

    /** The files under {@code folder} that this process holds open (Linux; none elsewhere). */
    private static List<String> descriptorsInto(Path folder) throws IOException {
        Path fds = Path.of("/proc/self/fd");
        List<String> open = new ArrayList<>();
        if (!Files.isDirectory(fds)) {
            return open;
        }
        try (Stream<Path> links = Files.list(fds)) {
            for (Path link : links.toList()) {
                try {
                    String target = Files.readSymbolicLink(link).toString();
                    if (target.startsWith(folder.toString())) {
                        open.add(target);
                    }
                } catch (IOException gone) {
                    // the descriptor was closed while listing (the listing's own one)
                }
            }
        }
        return open;
    }
}
