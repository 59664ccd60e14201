package org.advlens.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.advlens.data.Datasets;
import org.advlens.data.LabelledDataset;
import org.advlens.model.load.ModelLoader;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Two threads, each with its own {@link Classifier#copy()}, compute the same gradients as one thread does. */
class ClassifierConcurrencyTest {

    private static final int ROUNDS = 6;

    @Test
    void copiesGiveSequentialResultsFromTwoThreads() throws Exception {
        LabelledDataset data = Datasets.bundledEvaluation().limit(16);
        INDArray[] batches = {data.images().slice(0, 8).toArray(), data.images().slice(8, 16).toArray()};
        int[][] labels = {java.util.Arrays.copyOfRange(data.labels(), 0, 8),
                java.util.Arrays.copyOfRange(data.labels(), 8, 16)};
        try (Classifier original = ModelLoader.bundledDefault()) {
            float[][] sequential = new float[2][];
            for (int b = 0; b < 2; b++) {
                sequential[b] = flat(original.lossGradient(batches[b], labels[b]));
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<List<float[]>>> futures = new ArrayList<>();
                for (int b = 0; b < 2; b++) {
                    Classifier own = original.copy();
                    INDArray x = batches[b].dup();
                    int[] y = labels[b];
                    Callable<List<float[]>> work = () -> {
                        List<float[]> out = new ArrayList<>();
                        for (int r = 0; r < ROUNDS; r++) {
                            out.add(flat(own.lossGradient(x, y)));
                        }
                        return out;
                    };
                    futures.add(pool.submit(work));
                }
                for (int b = 0; b < 2; b++) {
                    for (float[] g : futures.get(b).get()) {
                        assertArrayEquals(sequential[b], g, 1e-6f, "thread " + b);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static float[] flat(INDArray a) {
        return a.dup('c').data().asFloat();
    }
}
