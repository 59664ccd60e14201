package org.advlens.testing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Random;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a loader over generated inputs, one seed per input: every input must, within {@link #perInput}, either load
 * or fail with one of the {@code documented} exception types carrying a non-blank message. Anything else (an
 * unchecked exception leaking out, an {@link Error} such as {@link OutOfMemoryError} or {@link StackOverflowError},
 * a timeout) fails the test with the input's seed and description, so that
 * {@code -Dadvlens.fuzz.seed=<seed>} replays that one input.
 *
 * <p>The number of inputs is the test's default unless the system property {@value #COUNT_PROPERTY} asks for
 * more (the long run: {@code -Dadvlens.fuzz.count=1000}).
 */
public final class LoaderFuzzer {

    /** System property giving the number of inputs per format, for the long run. */
    public static final String COUNT_PROPERTY = "advlens.fuzz.count";
    /** System property naming one seed to replay alone. */
    public static final String SEED_PROPERTY = "advlens.fuzz.seed";

    private static final Logger LOG = LoggerFactory.getLogger(LoaderFuzzer.class);

    /** One generated input: its bytes and how it was made, for the failure message. */
    public record Input(byte[] bytes, String description) {
    }

    /** A loader call under test; it may return anything and throw anything. */
    @FunctionalInterface
    public interface Loader {
        void load(Input input) throws Exception;
    }

    /** How a run ended: inputs tried, loaded and rejected, and the wall time. */
    public record Report(String format, int inputs, int loaded, int rejected, long millis) {
        @Override
        public String toString() {
            return String.format("%s: %d inputs, %d loaded, %d rejected with a message, %.1f s", format, inputs,
                    loaded, rejected, millis / 1000.0);
        }
    }

    private final String format;
    private final Duration perInput;
    private final Class<? extends Exception>[] documented;

    @SafeVarargs
    public LoaderFuzzer(String format, Duration perInput, Class<? extends Exception>... documented) {
        this.format = format;
        this.perInput = perInput;
        this.documented = documented.clone();
    }

    /** The number of inputs to run: {@value #COUNT_PROPERTY} if set, else {@code defaultCount}. */
    public static int count(int defaultCount) {
        return Integer.getInteger(COUNT_PROPERTY, defaultCount);
    }

    /**
     * Runs {@code count} inputs made by {@code generator} from seeds {@code firstSeed, firstSeed + 1, ...}, or only
     * the seed in {@value #SEED_PROPERTY} when that is set.
     */
    public Report run(long firstSeed, int count, Function<Random, Input> generator, Loader loader) {
        Long only = Long.getLong(SEED_PROPERTY);
        long start = System.nanoTime();
        int loaded = 0;
        int rejected = 0;
        int tried = 0;
        for (int i = 0; i < count; i++) {
            long seed = firstSeed + i;
            if (only != null && only != seed) {
                continue;
            }
            Input input = generator.apply(new Random(seed));
            if (check(seed, input, loader)) {
                loaded++;
            } else {
                rejected++;
            }
            tried++;
        }
        Report report = new Report(format, tried, loaded, rejected, (System.nanoTime() - start) / 1_000_000);
        LOG.info("fuzz {}", report);
        return report;
    }

    /** Runs one hand-made input; true if it loaded, false if it was refused with a documented exception. */
    public boolean check(long seed, Input input, Loader loader) {
        String where = format + " input seed " + seed + " (" + input.description() + ", " + input.bytes().length
                + " bytes)";
        return assertTimeoutPreemptively(perInput, () -> {
            try {
                loader.load(input);
                return true;
            } catch (Exception e) {
                for (Class<? extends Exception> type : documented) {
                    if (type.isInstance(e)) {
                        if (e.getMessage() == null || e.getMessage().isBlank()) {
                            fail(where + " was refused with an empty message: " + e, e);
                        }
                        return false;
                    }
                }
                return fail(where + " escaped as " + e, e);
            } catch (Error e) {
                return fail(where + " ended in " + e, e);
            }
        }, () -> where + " took longer than " + perInput.toMillis() + " ms");
    }
}
