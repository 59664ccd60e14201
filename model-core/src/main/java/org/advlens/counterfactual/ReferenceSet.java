package org.advlens.counterfactual;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.advlens.data.DataLoadException;
import org.advlens.data.Datasets;
import org.advlens.data.FashionMnist;
import org.advlens.data.IdxReader;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.model.InputSpec;

/**
 * Labelled training examples that counterfactuals are compared with ("how far is it from a real example of the
 * target class?"). The bundled one is the first {@value #BUNDLED_COUNT} Fashion-MNIST training images.
 *
 * @param data the examples, in the classifier's pixel space
 */
public record ReferenceSet(LabelledDataset data) {

    /** Number of bundled reference images. */
    public static final int BUNDLED_COUNT = 2000;
    /** The bundled reference images: the first 2,000 Fashion-MNIST training images, IDX gzip. */
    public static final String BUNDLED_IMAGES = Datasets.RESOURCE_ROOT
            + "data/fashion-mnist-train-2000-images-idx3-ubyte.gz";
    /** Labels of {@link #BUNDLED_IMAGES}. */
    public static final String BUNDLED_LABELS = Datasets.RESOURCE_ROOT
            + "data/fashion-mnist-train-2000-labels-idx1-ubyte.gz";

    public ReferenceSet {
        if (data == null || data.size() == 0) {
            throw new IllegalArgumentException("a reference set needs at least one example");
        }
    }

    /** The bundled Fashion-MNIST training examples fitted to {@code spec}. */
    public static ReferenceSet bundled(InputSpec spec) throws IOException {
        Images x;
        int[] y;
        try (InputStream in = open(BUNDLED_IMAGES)) {
            x = IdxReader.readImages(in, BUNDLED_IMAGES);
        }
        try (InputStream in = open(BUNDLED_LABELS)) {
            y = IdxReader.readLabels(in, BUNDLED_LABELS);
        }
        return new ReferenceSet(Datasets.fit(new LabelledDataset("Fashion-MNIST train (first 2000)",
                "classpath:" + BUNDLED_IMAGES, x, y, FashionMnist.CLASS_NAMES), spec));
    }

    /**
     * Euclidean distance from {@code image} (one image's pixels) to the nearest example labelled {@code label};
     * {@code NaN} if there is none.
     */
    public double nearestDistance(float[] image, int label) {
        Images im = data.images();
        int size = requireImageSize(image);
        float[] px = im.pixels();
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < data.size(); i++) {
            if (data.label(i) != label) {
                continue;
            }
            double sq = 0;
            for (int j = 0; j < size && sq < best; j++) {
                double d = (double) px[i * size + j] - image[j];
                sq += d * d;
            }
            best = Math.min(best, sq);
        }
        return Double.isInfinite(best) ? Double.NaN : Math.sqrt(best);
    }

    /**
     * The class a k-nearest-neighbour vote in pixel space (Euclidean) gives {@code image}: the most common label
     * among the {@code k} nearest examples, ties going to the class of the nearer example. A judge that an
     * undefended classifier's adversarial directions do not move: a counterfactual that a person reads as the
     * target class should also be voted into it.
     *
     * @param image one image's pixels
     * @param k neighbours that vote, in [1, size of the set]
     */
    public int nearestNeighbourVote(float[] image, int k) {
        Images im = data.images();
        int size = requireImageSize(image);
        if (k < 1 || k > data.size()) {
            throw new IllegalArgumentException("k must be in [1, " + data.size() + "], got " + k);
        }
        float[] px = im.pixels();
        double[] dist = new double[data.size()];
        Integer[] order = new Integer[data.size()];
        for (int i = 0; i < data.size(); i++) {
            double sq = 0;
            for (int j = 0; j < size; j++) {
                double d = (double) px[i * size + j] - image[j];
                sq += d * d;
            }
            dist[i] = sq;
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(dist[a], dist[b]));
        Map<Integer, Integer> votes = new HashMap<>();
        int best = data.label(order[0]);
        for (int n = 0; n < k; n++) {
            int label = data.label(order[n]);
            int v = votes.merge(label, 1, Integer::sum);
            if (v > votes.getOrDefault(best, 0)) {
                best = label;
            }
        }
        return best;
    }

    private int requireImageSize(float[] image) {
        int size = data.images().imageSize();
        if (image.length != size) {
            throw new IllegalArgumentException("image has " + image.length + " values, the reference images "
                    + size);
        }
        return size;
    }

    private static InputStream open(String path) throws DataLoadException {
        InputStream in = ReferenceSet.class.getResourceAsStream(path);
        if (in == null) {
            throw new DataLoadException(path, "bundled resource missing from the class path");
        }
        return in;
    }
}
