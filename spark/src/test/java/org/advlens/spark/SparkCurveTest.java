package org.advlens.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.advlens.attack.AttackParams;
import org.advlens.data.Datasets;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.AttackCurve;
import org.advlens.eval.CurvePoint;
import org.advlens.eval.CurveResult;
import org.advlens.eval.CurveSpec;
import org.advlens.eval.RobustnessCurve;
import org.advlens.job.CancellationToken;
import org.advlens.job.CancelledException;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A curve computed on Spark ({@code local[2]}, up to 4 attempts per task) equals the local engine's curve example for
 * example, with the same seed, for FGSM on the bundled 1,000 images and, to keep the test short, PGD-5 on 200 and
 * Square with 30 queries on 100; a task failed mid-partition is retried and every example counted once.
 */
class SparkCurveTest {

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
    void fgsmOnTheBundledThousandImagesEqualsTheLocalCurve() throws Exception {
        CurveSpec spec = new CurveSpec(List.of(new CurveSpec.Entry("fgsm", AttackParams.defaults())),
                new double[] {0.05, 0.1}, 100);
        assertSameAsLocal(spec, 1000, 3);
    }

    @Test
    void pgdEqualsTheLocalCurveWhateverThePartitioning() throws Exception {
        CurveSpec spec = new CurveSpec(List.of(new CurveSpec.Entry("pgd",
                AttackParams.defaults().withSteps(5).withSeed(17))), new double[] {0.1}, 50);
        assertSameAsLocal(spec, 200, 3);
    }

    @Test
    void squareEqualsTheLocalCurve() throws Exception {
        CurveSpec spec = new CurveSpec(List.of(new CurveSpec.Entry("square",
                AttackParams.defaults().withSteps(30).withSeed(5))), new double[] {0.1}, 25);
        assertSameAsLocal(spec, 100, 2);
    }

    @Test
    void aTaskFailedMidPartitionIsRetriedAndEveryExampleCountsOnce() throws Exception {
        CurveSpec spec = new CurveSpec(List.of(new CurveSpec.Entry("fgsm", AttackParams.defaults())),
                new double[] {0.1}, 50);
        AtomicInteger attempts = new AtomicInteger();
        TaskFault failFirstAttemptOfPartitionOne = (partition, attempt, batch) -> {
            if (partition == 1 && attempt == 0 && batch == 0) {
                throw new IllegalStateException("injected failure after the first batch of partition 1");
            }
        };
        List<String> messages = Collections.synchronizedList(new ArrayList<>());
        SparkCurve.Output out = new SparkCurve(spark, ModelSource.BUNDLED, DataSource.BUNDLED.withLimit(200), spec, 2,
                failFirstAttemptOfPartitionOne).run((f, m) -> messages.add(m), CancellationToken.create());
        assertEquals(200, out.result().size());
        assertEquals("2/2 partitions, 200/200 examples", messages.get(messages.size() - 1));
        for (String m : messages) {
            assertTrue(!m.contains("/2 partitions, ") || Integer.parseInt(m.split("/")[0]) <= 2, m);
        }
        assertSamePoints(local(spec, 200), out.result());
        assertEquals(2, out.execution().partitions().size());
        assertArrayEquals(new int[] {0, 100}, out.execution().partitions().get(0));
        assertArrayEquals(new int[] {100, 200}, out.execution().partitions().get(1));
    }

    @Test
    void cancellingTheTokenCancelsTheSparkJob() {
        CurveSpec spec = new CurveSpec(List.of(new CurveSpec.Entry("pgd",
                AttackParams.defaults().withSteps(2000))), new double[] {0.1}, 10);
        CancellationToken token = CancellationToken.create();
        Thread canceller = new Thread(() -> {
            sleep(1500);
            token.cancel();
        });
        canceller.start();
        long start = System.nanoTime();
        assertThrows(CancelledException.class, () -> new SparkCurve(spark, ModelSource.BUNDLED,
                DataSource.BUNDLED.withLimit(40), spec, 2, TaskFault.NONE).run(ProgressListener.NONE, token));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 20, "cancel took " + seconds + " s");
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        CurveSpec spec = new CurveSpec(List.of(new CurveSpec.Entry("fgsm", AttackParams.defaults())),
                new double[] {0.1}, 50);
        IllegalArgumentException partitions = assertThrows(IllegalArgumentException.class, () -> new SparkCurve(spark,
                ModelSource.BUNDLED, DataSource.BUNDLED, spec, 0, TaskFault.NONE));
        assertTrue(partitions.getMessage().contains("got 0"), partitions.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> new SparkCurve(spark,
                ModelSource.BUNDLED, new DataSource("/nonexistent/t10k-images-idx3-ubyte.gz", null, 0), spec, 2,
                TaskFault.NONE).run(ProgressListener.NONE, CancellationToken.create()));
        assertTrue(missing.getMessage().contains("t10k-labels-idx1-ubyte.gz"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DataSource(null, "labels.gz", 0));
        assertThrows(IllegalArgumentException.class, () -> new DataSource("x", null, -1));
    }

    private static void assertSameAsLocal(CurveSpec spec, int n, int partitions) throws Exception {
        SparkCurve.Output out = new SparkCurve(spark, ModelSource.BUNDLED, DataSource.BUNDLED.withLimit(n), spec,
                partitions, TaskFault.NONE).run(ProgressListener.NONE, CancellationToken.create());
        assertSamePoints(local(spec, n), out.result());
        assertEquals(spark.sc().master(), out.execution().master());
        assertEquals(Math.min(partitions, (n + spec.batchSize() - 1) / spec.batchSize()),
                out.execution().partitions().size());
    }

    private static CurveResult local(CurveSpec spec, int n) throws Exception {
        try (Classifier model = ModelLoader.bundledDefault()) {
            LabelledDataset data = Datasets.bundledEvaluation(model.inputSpec()).limit(n);
            return new RobustnessCurve(model, data, spec, p -> { }).run(ProgressListener.NONE,
                    CancellationToken.create());
        }
    }

    static void assertSamePoints(CurveResult local, CurveResult distributed) {
        assertEquals(local.dataName(), distributed.dataName());
        assertSameExamples(local, distributed);
    }

    /** Every per-example result and aggregate equal, whatever the data set's name. */
    static void assertSameExamples(CurveResult local, CurveResult distributed) {
        assertEquals(local.size(), distributed.size());
        assertEquals(local.cleanAccuracy(), distributed.cleanAccuracy(), 0);
        assertArrayEquals(local.cleanCorrect(), distributed.cleanCorrect());
        assertEquals(local.flags(), distributed.flags());
        assertEquals(local.curves().size(), distributed.curves().size());
        for (int a = 0; a < local.curves().size(); a++) {
            AttackCurve l = local.curves().get(a);
            AttackCurve d = distributed.curves().get(a);
            assertEquals(l.attack(), d.attack());
            assertEquals(l.params(), d.params());
            for (int k = 0; k < l.points().size(); k++) {
                CurvePoint p = l.points().get(k);
                CurvePoint q = d.points().get(k);
                String where = l.attack() + " eps=" + p.epsilon();
                assertEquals(p.epsilon(), q.epsilon(), 0, where);
                assertArrayEquals(p.correct(), q.correct(), where);
                assertEquals(p.accuracy(), q.accuracy(), 0, where);
                assertEquals(p.successRate(), q.successRate(), 0, where);
                assertEquals(p.meanL2(), q.meanL2(), 0, where);
                assertEquals(p.meanLinf(), q.meanLinf(), 0, where);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
