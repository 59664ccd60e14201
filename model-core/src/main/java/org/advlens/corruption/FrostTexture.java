package org.advlens.corruption;

import java.util.SplittableRandom;

/**
 * A procedural frost texture, standing in for the six photographs of frost the reference blends in: a soft plasma
 * background with many thin, branching ice needles drawn over it, tinted pale blue. Its statistics follow the
 * photographs the reference draws from (per-channel means about 0.3 to 0.85, RGB order bluish, standard deviation
 * about 0.06 to 0.17): a brightness drawn in [0.35, 0.8] per image and needle contrast of about 0.1.
 */
final class FrostTexture {

    /** The reference photographs' mean colour relative to their mean (R, G, B), bluish. */
    private static final double[] TINT = {0.88, 1.0, 1.08};

    private FrostTexture() {
    }

    /**
     * @return {@code channels * h * w} values in [0, 1]; one channel gives the luma of the tinted texture
     */
    static float[] generate(int channels, int h, int w, double scale, SplittableRandom random) {
        int side = PlasmaFractal.nextPowerOfTwo(Math.max(h, w));
        double[] cloud = PlasmaFractal.generate(side, 1.6, random);
        double base = random.nextDouble(0.35, 0.8);
        double[] lum = new double[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                lum[y * w + x] = base + 0.12 * (cloud[y * side + x] - 0.5);
            }
        }
        // needles: short straight strokes from random seeds, each with a few side branches
        double length = Math.max(2, 12 * scale);
        int needles = Math.max(4, (int) Math.round(h * w / (length * length) * 1.5));
        for (int n = 0; n < needles; n++) {
            double y = random.nextDouble(h);
            double x = random.nextDouble(w);
            double angle = random.nextDouble(Math.PI * 2);
            double brightness = random.nextDouble(0.08, 0.25);
            stroke(lum, h, w, y, x, angle, length * random.nextDouble(0.5, 1.5), brightness);
            int branches = random.nextInt(0, 4);
            for (int b = 0; b < branches; b++) {
                double t = random.nextDouble(0.2, 0.9) * length;
                double by = y + t * Math.sin(angle);
                double bx = x + t * Math.cos(angle);
                double ba = angle + (random.nextBoolean() ? 1 : -1) * Math.PI / 3;
                stroke(lum, h, w, by, bx, ba, length * 0.4, brightness * 0.7);
            }
        }
        float[] out = new float[channels * h * w];
        int plane = h * w;
        for (int i = 0; i < plane; i++) {
            if (channels == 1) {
                out[i] = Raster.clip(lum[i] * (0.299 * TINT[0] + 0.587 * TINT[1] + 0.114 * TINT[2]));
            } else {
                for (int c = 0; c < channels; c++) {
                    out[c * plane + i] = Raster.clip(lum[i] * TINT[Math.min(c, 2)]);
                }
            }
        }
        return out;
    }

    private static void stroke(double[] lum, int h, int w, double y, double x, double angle, double length,
                               double brightness) {
        int steps = (int) Math.ceil(length * 2);
        for (int s = 0; s <= steps; s++) {
            double t = length * s / Math.max(1, steps);
            int py = (int) Math.floor(y + t * Math.sin(angle));
            int px = (int) Math.floor(x + t * Math.cos(angle));
            if (py >= 0 && py < h && px >= 0 && px < w) {
                lum[py * w + px] += brightness * (1 - 0.5 * s / Math.max(1, steps));
            }
        }
    }
}
