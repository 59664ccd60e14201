package org.advlens.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.corruption.Corruption;
import org.advlens.data.Datasets;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.CorruptionEvaluation;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A corruption table on Spark ({@code local[2]}) equals the local {@link CorruptionEvaluation}: the same errors per
 * corruption and severity, clean error, CE and relative CE, against the bundled robust model as the baseline, on
 * 80 bundled images (three corruptions at two severities, to keep the test short).
 */
class SparkCorruptionsTest {

    private static JavaSparkContext spark;

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(LocalSpark.conf("local[2,4]"));
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void theCorruptionTableEqualsTheLocalOne() throws Exception {
        CorruptionEvaluation.Options options = new CorruptionEvaluation.Options(List.of(Corruption.GAUSSIAN_NOISE,
                Corruption.CONTRAST, Corruption.FOG), new int[] {2, 5}, 3, 40, Double.NaN);
        CorruptionEvaluation.Result local;
        try (Classifier model = ModelLoader.bundledDefault(); Classifier base = ModelLoader.bundledRobust()) {
            LabelledDataset data = Datasets.bundledEvaluation(model.inputSpec()).limit(80);
            local = new CorruptionEvaluation(model, base, data, options).run(ProgressListener.NONE,
                    CancellationToken.create());
        }
        SparkCorruptions.Output out = new SparkCorruptions(spark, ModelSource.BUNDLED,
                new ModelSource(ModelSource.BUNDLED_ROBUST), DataSource.BUNDLED.withLimit(80), options, 2,
                TaskFault.NONE).run(ProgressListener.NONE, CancellationToken.create());
        CorruptionEvaluation.Result d = out.result();
        assertEquals(local.images(), d.images());
        assertEquals(local.cleanError(), d.cleanError(), 0);
        assertEquals(local.baselineCleanError(), d.baselineCleanError(), 0);
        assertEquals(local.baselineName(), d.baselineName());
        assertEquals(local.spatialScale(), d.spatialScale(), 0);
        for (int r = 0; r < local.rows().size(); r++) {
            CorruptionEvaluation.Row l = local.rows().get(r);
            CorruptionEvaluation.Row s = d.rows().get(r);
            assertEquals(l.corruption(), s.corruption());
            assertArrayEquals(l.errors(), s.errors(), 0, l.corruption().id());
            assertArrayEquals(l.baselineErrors(), s.baselineErrors(), 0, l.corruption().id());
            assertEquals(l.corruptionError(), s.corruptionError(), 0, l.corruption().id());
            assertEquals(l.relativeCorruptionError(), s.relativeCorruptionError(), 0, l.corruption().id());
        }
        assertTrue(local.rows().stream().anyMatch(r -> r.errors()[1] > local.cleanError()),
                "severity 5 hurts, so the comparison is not trivial");
        assertEquals(2, out.execution().partitions().size());
    }
}
