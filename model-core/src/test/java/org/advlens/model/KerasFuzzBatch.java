package org.advlens.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.advlens.model.load.ModelLoader;
import org.advlens.testing.ByteMutator;

/**
 * One batch of mutated Keras {@code .h5} files, loaded in a JVM of its own by {@link KerasFileFuzzTest}: a crash of
 * the native HDF5 library ends this process, not the test. For seeds {@code first, first + 1, ...} it writes the
 * mutated fixture to a file, calls {@link ModelLoader#load(Path)} on it and prints to standard output
 * {@value #START} with the seed before the load and {@value #RESULT} with the seed, the outcome ({@code loaded},
 * {@code refused} with a message, or {@code escaped} with any other throwable), the milliseconds taken and the
 * message after it. A seed with a start line and no result line is the one that crashed or hung the process.
 * Before the first input it loads the fixture itself once, so that starting ND4J and the native libraries (seconds,
 * tens of seconds on a busy machine) is not counted in the time of whichever input first gets that far.
 *
 * <p>Arguments: the first seed, the number of seeds, and a directory for the files.
 */
final class KerasFuzzBatch {

    static final String START = "FUZZ-START";
    static final String RESULT = "FUZZ-RESULT";
    /** The fixture every input is a mutation of, on the test class path beside this class. */
    static final String FIXTURE = "keras-tiny-cnn.h5";

    private KerasFuzzBatch() {
    }

    /** The mutated fixture for one seed: the same bytes in the parent and in every child. */
    static byte[] input(byte[] fixture, long seed) {
        return ByteMutator.mutate(fixture, null, new Random(seed));
    }

    static byte[] fixture() {
        try (InputStream in = KerasFuzzBatch.class.getResourceAsStream(FIXTURE)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws IOException {
        long first = Long.parseLong(args[0]);
        int count = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        byte[] fixture = fixture();
        Path warmUp = Files.write(dir.resolve("warm-up-" + first + ".h5"), fixture);
        try (Classifier c = ModelLoader.load(warmUp)) {
            c.info();
        } catch (ModelLoadException e) {
            throw new IllegalStateException("the unmutated fixture does not load: " + e.getMessage(), e);
        }
        Files.deleteIfExists(warmUp);
        for (long seed = first; seed < first + count; seed++) {
            Path file = Files.write(dir.resolve("fuzz-" + seed + ".h5"), input(fixture, seed));
            out.println(START + " " + seed);
            long start = System.nanoTime();
            String outcome;
            String message;
            try (Classifier c = ModelLoader.load(file)) {
                outcome = "loaded";
                message = c.info().classNames().size() + " classes";
            } catch (ModelLoadException e) {
                outcome = e.getMessage() == null || e.getMessage().isBlank() ? "escaped" : "refused";
                message = String.valueOf(e.getMessage());
            } catch (Throwable e) {
                outcome = "escaped";
                message = e.toString();
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            out.println(RESULT + " " + seed + " " + outcome + " " + millis + " " + message.replaceAll("\\s+", " "));
            Files.deleteIfExists(file);
        }
        System.exit(0);
    }
}
