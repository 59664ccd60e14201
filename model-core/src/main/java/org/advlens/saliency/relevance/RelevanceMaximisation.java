package org.advlens.saliency.relevance;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Relevance maximisation (Achtibat et al. 2023, section "Relevance maximization"): the reference images of a
 * concept are the images of a data set in which it carries the most relevance for the model's own prediction,
 * rather than those that activate it most (activation maximisation). Each image is explained once for its
 * predicted class; the relevance of every channel of the concept layer is recorded, and each channel keeps its
 * {@code perConcept} highest.
 */
public final class RelevanceMaximisation {

    private RelevanceMaximisation() {
    }

    /**
     * @param model the classifier {@code crp} was built for
     * @param data the images to search
     * @param perConcept reference images kept per channel, in [1, 100]
     * @throws org.advlens.job.CancelledException if cancelled
     */
    public static ConceptReferences find(Classifier model, ConceptRelevance crp, Images data, int perConcept,
                                         ProgressListener progress, CancellationToken cancellation) {
        if (perConcept < 1 || perConcept > 100) {
            throw new IllegalArgumentException("reference images per concept must be in [1, 100], got " + perConcept);
        }
        if (data == null || data.count() == 0) {
            throw new IllegalArgumentException("relevance maximisation needs at least one image");
        }
        int n = data.count();
        int batch = crp.options().batchSize();
        double[][] relevance = null;
        int[] predicted = new int[n];
        for (int from = 0; from < n; from += batch) {
            cancellation.throwIfCancelled();
            progress.onProgress((double) from / n, "relevance maximisation: " + from + " of " + n + " images");
            int to = Math.min(n, from + batch);
            INDArray x = data.slice(from, to).toArray();
            int[] targets = model.predict(x);
            System.arraycopy(targets, 0, predicted, from, targets.length);
            Propagation p = crp.propagation().propagate(x, targets, ConceptCondition.recordOnly(crp.step()));
            INDArray channels = p.channelRelevance().castTo(DataType.DOUBLE);
            if (relevance == null) {
                relevance = new double[(int) channels.size(1)][n];
            }
            for (int i = from; i < to; i++) {
                for (int k = 0; k < relevance.length; k++) {
                    relevance[k][i] = channels.getDouble(i - from, k);
                }
            }
        }
        int keep = Math.min(perConcept, n);
        int c = relevance.length;
        int[][] indices = new int[c][];
        int[][] targets = new int[c][keep];
        double[][] values = new double[c][keep];
        for (int k = 0; k < c; k++) {
            double[] r = relevance[k];
            indices[k] = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble((Integer i) -> r[i])
                    .reversed()).limit(keep).mapToInt(Integer::intValue).toArray();
            for (int j = 0; j < keep; j++) {
                targets[k][j] = predicted[indices[k][j]];
                values[k][j] = r[indices[k][j]];
            }
        }
        progress.onProgress(1, "relevance maximisation: " + n + " images");
        return new ConceptReferences(crp.layer(), n, indices, targets, values);
    }

    /** The references' own heatmaps conditioned on {@code channel}: where in each reference the concept acts. */
    public static float[][] referenceHeatmaps(ConceptRelevance crp, ConceptReferences refs, int channel, Images data,
                                              CancellationToken cancellation) {
        int[] idx = refs.indices()[channel];
        float[] px = new float[idx.length * data.imageSize()];
        for (int j = 0; j < idx.length; j++) {
            System.arraycopy(data.image(idx[j]).pixels(), 0, px, j * data.imageSize(), data.imageSize());
        }
        Images chosen = new Images(px, idx.length, data.channels(), data.height(), data.width());
        int[] channels = new int[idx.length];
        Arrays.fill(channels, channel);
        return crp.conditional(chosen.toArray(), channels, refs.targets()[channel], cancellation, false);
    }
}
