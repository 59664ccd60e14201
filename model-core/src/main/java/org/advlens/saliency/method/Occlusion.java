package org.advlens.saliency.method;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.saliency.ConfiguredMethod;
import org.advlens.saliency.LogitGradients;
import org.advlens.saliency.SaliencyInputs;
import org.advlens.saliency.SaliencyMap;
import org.advlens.saliency.SampleBatches;

/**
 * Occlusion (Zeiler and Fergus, "Visualizing and Understanding Convolutional Networks", 2014): slide a square
 * patch of a fill value over the image (all channels at once) and record how much the target logit drops,
 * {@code z_t(x) - z_t(x with the patch filled)}. Each pixel gets the mean drop over the patches that cover it.
 * Patches start every {@code stride} pixels; one more patch is added flush with the right and bottom edges when
 * the stride does not reach them, so every pixel is covered. Needs no gradient: it works on any classifier.
 */
public final class Occlusion extends ConfiguredMethod<Occlusion.Options> {

    public static final String NAME = "occlusion";

    /**
     * @param patchSize side of the square patch in pixels
     * @param stride step between patch positions in pixels
     * @param fill the value the patch is filled with, in the model's pixel space; {@code NaN} means the model's
     *             lower bound (black)
     * @param batchSize occluded images per forward pass
     */
    public record Options(int patchSize, int stride, double fill, int batchSize) {
        public Options {
            if (patchSize < 1 || patchSize > 10_000) {
                throw new IllegalArgumentException("patch size must be in [1, 10000] pixels, got " + patchSize);
            }
            if (stride < 1 || stride > 10_000) {
                throw new IllegalArgumentException("stride must be in [1, 10000] pixels, got " + stride);
            }
            if (Double.isInfinite(fill)) {
                throw new IllegalArgumentException("fill must be finite or NaN (the lower bound), got " + fill);
            }
            SaliencyInputs.checkBatchSize(batchSize);
        }

        /** 4-pixel patches, stride 2, filled with the lower bound, batch 64. */
        public static Options defaults() {
            return new Options(4, 2, Double.NaN, 64);
        }

        public Options withPatch(int size, int newStride) {
            return new Options(size, newStride, fill, batchSize);
        }

        public Options withFill(double value) {
            return new Options(patchSize, stride, value, batchSize);
        }

        public Options withBatchSize(int b) {
            return new Options(patchSize, stride, fill, b);
        }
    }

    public Occlusion(Options options) {
        super(NAME, "Occlusion", options);
    }

    public Occlusion() {
        this(Options.defaults());
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("patch_size", options.patchSize());
        p.put("stride", options.stride());
        p.put("fill", Double.isNaN(options.fill()) ? "lower bound" : options.fill());
        p.put("batch_size", options.batchSize());
        return p;
    }

    /** Top-left coordinates of the patches along one side of length {@code length}. */
    public static int[] starts(int length, int patch, int stride) {
        List<Integer> s = new ArrayList<>();
        int last = -1;
        for (int p = 0; p + patch <= length; p += stride) {
            s.add(p);
            last = p;
        }
        if (last + patch < length) {
            s.add(length - patch);
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public SaliencyMap attribute(Classifier model, Images images, int[] targets, CancellationToken cancellation) {
        SaliencyInputs.check(model, images, targets);
        int h = images.height();
        int w = images.width();
        int c = images.channels();
        int patch = options.patchSize();
        if (patch > h || patch > w) {
            throw new IllegalArgumentException("patch size " + patch + " exceeds the image size " + h + "x" + w);
        }
        float fill = (float) (Double.isNaN(options.fill()) ? model.inputSpec().lower() : options.fill());
        int[] ys = starts(h, patch, options.stride());
        int[] xs = starts(w, patch, options.stride());
        int perImage = ys.length * xs.length;
        int size = images.imageSize();
        float[] x = images.pixels();
        double[] clean = LogitGradients.logits(model, x, targets, options.batchSize(), cancellation);
        double[] sum = new double[h * w * images.count()];
        int[] cover = new int[h * w];
        for (int py : ys) {
            for (int px : xs) {
                for (int y = py; y < py + patch; y++) {
                    for (int xx = px; xx < px + patch; xx++) {
                        cover[y * w + xx]++;
                    }
                }
            }
        }
        SampleBatches.logits(model, images.count(), perImage, size, targets, options.batchSize(), cancellation,
                (image, pos, batch, offset) -> {
                    int py = ys[pos / xs.length];
                    int px = xs[pos % xs.length];
                    System.arraycopy(x, image * size, batch, offset, size);
                    for (int ch = 0; ch < c; ch++) {
                        for (int y = py; y < py + patch; y++) {
                            int row = offset + (ch * h + y) * w;
                            java.util.Arrays.fill(batch, row + px, row + px + patch, fill);
                        }
                    }
                },
                (image, pos, z, j) -> {
                    int py = ys[pos / xs.length];
                    int px = xs[pos % xs.length];
                    double drop = clean[image] - z[j];
                    for (int y = py; y < py + patch; y++) {
                        for (int xx = px; xx < px + patch; xx++) {
                            sum[image * h * w + y * w + xx] += drop;
                        }
                    }
                });
        float[] out = new float[images.count() * size];
        for (int i = 0; i < images.count(); i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < h * w; p++) {
                    out[i * size + ch * h * w + p] = (float) (sum[i * h * w + p] / cover[p]);
                }
            }
        }
        return new SaliencyMap(name(), out, images.count(), c, h, w, targets, true, null);
    }
}
