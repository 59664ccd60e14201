package org.advlens.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.data.Datasets;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.Certification;
import org.advlens.eval.RandomizedSmoothing;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Certification on Spark ({@code local[2]}, up to 4 attempts per task) gives every one of 50 bundled images the
 * certificate a local run gives (n = 200 samples to keep the test short), also when a task fails mid-partition.
 */
class SparkCertificationTest {

    private static final RandomizedSmoothing.Options OPTIONS = new RandomizedSmoothing.Options(0.25, 20, 200, 0.001,
            200);
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
    void fiftyImagesGetTheLocalCertificatesEvenWithAFailedTask() throws Exception {
        Certification.Result local;
        try (Classifier model = ModelLoader.bundledDefault()) {
            LabelledDataset data = Datasets.bundledEvaluation(model.inputSpec()).limit(50);
            local = new Certification(model, data, OPTIONS, 9).run(ProgressListener.NONE, CancellationToken.create());
        }
        TaskFault failOnce = (partition, attempt, image) -> {
            if (partition == 2 && attempt == 0 && image == 3) {
                throw new IllegalStateException("injected failure in partition 2");
            }
        };
        SparkCertification.Output out = new SparkCertification(spark, ModelSource.BUNDLED,
                DataSource.BUNDLED.withLimit(50), OPTIONS, 9, 3, failOnce)
                .run(ProgressListener.NONE, CancellationToken.create());
        assertEquals(50, out.result().entries().size());
        for (int i = 0; i < 50; i++) {
            Certification.Entry l = local.entries().get(i);
            Certification.Entry d = out.result().entries().get(i);
            assertEquals(i, d.index());
            assertEquals(l.label(), d.label(), "label of image " + i);
            assertEquals(l.certificate(), d.certificate(), "certificate of image " + i);
        }
        for (double radius : new double[] {0, 0.25, 0.5}) {
            assertEquals(local.certifiedAccuracy(radius), out.result().certifiedAccuracy(radius), 0);
        }
        assertTrue(local.certifiedAccuracy(0) > 0.5, "the comparison is not trivial: " + local.certifiedAccuracy(0));
        assertEquals(3, out.execution().partitions().size());
        assertEquals(java.util.List.of(9L), out.execution().seeds());
    }

    @Test
    void badPartitionCountsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SparkCertification(spark,
                ModelSource.BUNDLED, DataSource.BUNDLED, OPTIONS, 0, -2, TaskFault.NONE));
        assertTrue(e.getMessage().contains("-2"), e.getMessage());
    }
}
