package org.advlens.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.counterfactual.PixelCounterfactual;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.model.InputSpec;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;

class CounterfactualBenchmarkTest {

    private static final InputSpec SPEC = InputSpec.grey(1, 2);
    private static final LinearClassifier MODEL = new LinearClassifier(SPEC, new float[][] {{2, -1}, {-1, 2}},
            new float[] {0, 0});

    private static LabelledDataset points() {
        return new LabelledDataset("points", "test", new Images(new float[] {0.8f, 0.2f, 0.3f, 0.6f, 0.7f, 0.4f},
                3, 1, 1, 2), new int[] {0, 1, 0}, List.of("a", "b"));
    }

    @Test
    void timesEachMethodOnABatchAndOneImageAtATime() {
        // given three points of a two-class linear model and the pixel-space search
        CounterfactualBenchmark bench = new CounterfactualBenchmark(MODEL, points(),
                List.of(new PixelCounterfactual()), new CounterfactualBenchmark.Options(10, 2));
        // when timed
        List<CounterfactualBenchmark.Timing> t = bench.run(ProgressListener.NONE, CancellationToken.create());
        // then the batch is capped at the data, every point reaches the other class, and the times are positive
        assertEquals(1, t.size());
        CounterfactualBenchmark.Timing pixel = t.get(0);
        assertEquals("pixel", pixel.method());
        assertEquals(3, pixel.images());
        assertEquals(3, pixel.batchSuccesses());
        assertTrue(pixel.batchSeconds() > 0 && pixel.imagesPerSecond() > 0, pixel.toString());
        assertTrue(pixel.singleMedianSeconds() > 0 && pixel.singleP90Seconds() >= pixel.singleMedianSeconds(),
                pixel.toString());
        assertTrue(pixel.meanSteps() >= 1, pixel.toString());
    }

    @Test
    void badSettingsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CounterfactualBenchmark.Options(0, 1));
        assertTrue(e.getMessage().contains("got 0 and 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CounterfactualBenchmark(MODEL, points(), List.of(),
                new CounterfactualBenchmark.Options(1, 1)));
        assertTrue(e.getMessage().contains("at least one method"), e.getMessage());
    }
}
