package org.advlens.eval;

import java.util.ArrayList;
import java.util.List;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;

/**
 * Randomized-smoothing certification of a labelled data set ({@link RandomizedSmoothing#certify} per image, seeded
 * by the run's seed and the image's index): the per-image certificates and certified accuracy as a function of the
 * radius, as in Cohen et al. (2019), Figure 1 and Table 1.
 */
public final class Certification implements Job<Certification.Result> {

    /**
     * One image's certificate.
     *
     * @param index the image's index in the data set
     * @param label its label
     * @param certificate what CERTIFY returned
     * @param seconds the time it took
     */
    public record Entry(int index, int label, RandomizedSmoothing.Certificate certificate, double seconds) {

        /** Whether the smoothed classifier is right and certified to at least {@code radius}. */
        public boolean certifiedAt(double radius) {
            return certificate.prediction() == label && certificate.radius() >= radius;
        }
    }

    /**
     * The certificates of a run.
     *
     * @param options the smoothing options
     * @param seed the run's seed
     * @param entries one per image, in data-set order
     */
    public record Result(RandomizedSmoothing.Options options, long seed, List<Entry> entries) {

        public Result {
            entries = List.copyOf(entries);
        }

        /** The fraction of images classified correctly and certified to at least {@code radius}. */
        public double certifiedAccuracy(double radius) {
            return entries.isEmpty() ? 0 : (double) entries.stream().filter(e -> e.certifiedAt(radius)).count()
                    / entries.size();
        }

        /** The fraction of images on which the smoothed classifier abstained. */
        public double abstainRate() {
            return entries.isEmpty() ? 0 : (double) entries.stream().filter(e -> e.certificate().abstained()).count()
                    / entries.size();
        }
    }

    private final Classifier model;
    private final LabelledDataset data;
    private final RandomizedSmoothing.Options options;
    private final long seed;

    public Certification(Classifier model, LabelledDataset data, RandomizedSmoothing.Options options, long seed) {
        if (model == null || data == null || options == null) {
            throw new IllegalArgumentException("model, data and options are required");
        }
        this.model = model;
        this.data = data;
        this.options = options;
        this.seed = seed;
    }

    /**
     * The noise seed of the image at {@code index} in a run seeded with {@code seed}: it depends on nothing else, so
     * any subset or partition of the data set certifies each image exactly as a whole run does.
     */
    public static long imageSeed(long seed, int index) {
        return seed * 1_000_003L + index;
    }

    @Override
    public Result run(ProgressListener progress, CancellationToken cancellation) {
        RandomizedSmoothing smoothing = new RandomizedSmoothing(model, options);
        List<Entry> entries = new ArrayList<>();
        int certified = 0;
        for (int i = 0; i < data.size(); i++) {
            long start = System.nanoTime();
            RandomizedSmoothing.Certificate c = smoothing.certify(data.images().image(i), imageSeed(seed, i),
                    cancellation);
            Entry e = new Entry(i, data.label(i), c, (System.nanoTime() - start) / 1e9);
            entries.add(e);
            certified += e.certifiedAt(0) ? 1 : 0;
            progress.onProgress((double) (i + 1) / data.size(), String.format(java.util.Locale.ROOT,
                    "%d/%d images, certified accuracy at radius 0: %.3f", i + 1, data.size(),
                    (double) certified / (i + 1)));
        }
        return new Result(options, seed, entries);
    }
}
