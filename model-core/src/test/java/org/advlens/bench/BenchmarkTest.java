package org.advlens.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.Jobs;
import org.advlens.report.LinearTestClassifier;
import org.junit.jupiter.api.Test;

class BenchmarkTest {

    @Test
    void measuresEveryOperationWithPositiveRates() throws Exception {
        int n = 12;
        float[] px = new float[n * 4];
        int[] labels = new int[n];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i * 37 % 101) / 100f;
        }
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        LabelledDataset data = new LabelledDataset("tiny", "test", new Images(px, n, 1, 2, 2), labels,
                List.of("a", "b", "c"));
        BenchmarkResult r = Jobs.runNow(new Benchmark(new LinearTestClassifier(), data,
                new Benchmark.Options(5, 10, 4, 2, 3, 0.1, 0)));
        assertEquals(List.of("forward", "forward+input_gradient", "fgsm", "pgd-20"),
                r.throughput().stream().map(BenchmarkResult.Throughput::operation).toList());
        assertEquals(10, r.throughput().get(0).images());
        assertEquals(4, r.throughput().get(3).images());
        r.throughput().forEach(t -> assertTrue(t.imagesPerSecond() > 0, t.toString()));
        assertEquals(3, r.singleImageFgsm().runs());
        assertTrue(r.singleImageFgsm().p90Millis() >= r.singleImageFgsm().medianMillis());
        assertEquals("CpuBackend", r.engine().implementation());
        assertTrue(r.engine().threads() >= 1);
        assertTrue(r.engine().cores() >= 1);
    }

    @Test
    void percentilesAreNearestRankWithAnAveragedEvenMedian() {
        assertEquals(2.5, Benchmark.percentile(new double[] {4, 1, 3, 2}, 0.5));
        assertEquals(3, Benchmark.percentile(new double[] {5, 1, 3}, 0.5));
        assertEquals(9, Benchmark.percentile(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9));
    }

    @Test
    void rejectsBadOptionsWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Benchmark.Options(100, 1000, 200, 0, 50, 0.1, 0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }
}
