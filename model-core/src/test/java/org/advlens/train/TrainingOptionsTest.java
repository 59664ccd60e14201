package org.advlens.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TrainingOptionsTest {

    private static final Path DATA = Path.of("data");

    @Test
    void defaultsAreTheBundledModelsSettings() {
        TrainingOptions o = TrainingOptions.defaults();
        assertEquals(TrainingOptions.DEFAULT_EPOCHS, o.epochs());
        assertEquals(64, o.batchSize());
        assertEquals(1e-3, o.learningRate());
        assertEquals(0, o.trainLimit());
        assertEquals(7, o.withEpochs(7).epochs());
        assertEquals(5L, o.withSeed(5).seed());
    }

    @Test
    void rejectsBadValuesNamingThem() {
        assertMessage("epochs must be in [1, 1000], got 0", () -> new TrainingOptions(0, 64, 1e-3, 1, 0, 0, DATA));
        assertMessage("batchSize must be in [1, 60000], got -3", () -> new TrainingOptions(1, -3, 1e-3, 1, 0, 0, DATA));
        assertMessage("learningRate must be in (0, 1], got NaN",
                () -> new TrainingOptions(1, 64, Double.NaN, 1, 0, 0, DATA));
        assertMessage("learningRate must be in (0, 1], got 2.0", () -> new TrainingOptions(1, 64, 2, 1, 0, 0, DATA));
        assertMessage("trainLimit must be 0 (all) or positive, got -1",
                () -> new TrainingOptions(1, 64, 1e-3, 1, -1, 0, DATA));
        assertMessage("testLimit must be 0 (all) or positive, got -2",
                () -> new TrainingOptions(1, 64, 1e-3, 1, 0, -2, DATA));
        assertMessage("dataDir must not be null", () -> new TrainingOptions(1, 64, 1e-3, 1, 0, 0, null));
    }

    private static void assertMessage(String expected, Supplier<TrainingOptions> make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::get);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
