package org.advlens.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.advlens.model.load.ModelLoader;
import org.advlens.testing.ByteMutator;
import org.advlens.testing.LoaderFuzzer;
import org.advlens.testing.LoaderFuzzer.Input;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed Keras {@code .h5} files fed to {@link ModelLoader#load(Path)}. Opt-in
 * ({@code -Dadvlens.fuzz.hdf5=true}): the native HDF5 library parses the bytes, and a crash there ends the test JVM
 * instead of failing one test.
 */
@EnabledIfSystemProperty(named = "advlens.fuzz.hdf5", matches = "true")
class KerasFileFuzzTest {

    private static final LoaderFuzzer FUZZER = new LoaderFuzzer("Keras HDF5", Duration.ofSeconds(20),
            ModelLoadException.class);

    @TempDir
    static Path dir;

    private static byte[] seed() {
        try (InputStream in = KerasFileFuzzTest.class.getResourceAsStream("keras-tiny-cnn.h5")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void mutatedKerasFilesLoadOrFailWithAMessage() {
        byte[] seed = seed();
        LoaderFuzzer.Report report = FUZZER.run(5_000_000L, LoaderFuzzer.count(100),
                random -> new Input(ByteMutator.mutate(seed, null, random), "keras-tiny-cnn.h5"),
                input -> {
                    Path file = Files.write(dir.resolve("fuzz.h5"), input.bytes());
                    try (Classifier c = ModelLoader.load(file)) {
                        assertTrue(c.info().classNames().size() > 0);
                    }
                });
        assertTrue(report.inputs() > 0, report.toString());
    }
}
