package org.advlens.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.advlens.model.load.ModelLoader;
import org.advlens.testing.ByteMutator;
import org.advlens.testing.ForkedFuzzer;
import org.advlens.testing.LoaderFuzzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed Keras {@code .h5} files fed to {@link ModelLoader#load(Path)}, in child JVMs ({@link KerasFuzzBatch}):
 * the native HDF5 library parses the bytes, and a crash there ends one child, which is counted with its seed,
 * instead of the test JVM. The normal suite runs a few inputs in one child; the long run is opt-in
 * ({@code -Dadvlens.fuzz.hdf5=true}, 100 inputs unless {@code -Dadvlens.fuzz.count} says more, 100 per child), and
 * {@code -Dadvlens.fuzz.seed=<seed>} replays one input.
 */
class KerasFileFuzzTest {

    private static final long FIRST_SEED = 5_000_000L;
    private static final int PER_CHILD = 100;
    private static final ForkedFuzzer FUZZER = new ForkedFuzzer("Keras HDF5", KerasFuzzBatch.class,
            KerasFuzzBatch.START, KerasFuzzBatch.RESULT, Duration.ofSeconds(60), Duration.ofSeconds(600));

    @TempDir
    Path dir;

    @Test
    void aFewMutatedKerasFilesLoadOrFailWithAMessage() {
        ForkedFuzzer.Report report = FUZZER.run(FIRST_SEED, 20, PER_CHILD, dir);
        assertTrue(report.clean(), report.toString());
        assertEquals(20, report.inputs(), report.toString());
        assertTrue(report.loaded() > 0 && report.refused() > 0, "the mutations should both keep and break files: "
                + report);
    }

    @Test
    @EnabledIfSystemProperty(named = "advlens.fuzz.hdf5", matches = "true")
    void mutatedKerasFilesLoadOrFailWithAMessageInChildJvms() {
        Long only = Long.getLong(LoaderFuzzer.SEED_PROPERTY);
        ForkedFuzzer.Report report = only != null ? FUZZER.run(only, 1, 1, dir)
                : FUZZER.run(FIRST_SEED, LoaderFuzzer.count(100), PER_CHILD, dir);
        assertTrue(report.clean(), report.toString());
        assertTrue(report.inputs() > 0, report.toString());
    }
}
