package org.advlens.corruption;

import java.util.SplittableRandom;

/**
 * The weather corruptions of ImageNet-C (snow, frost, fog) and the extra spatter, with the severity constants of
 * the reference implementation (bethgelab/imagecorruptions). Where the reference calls OpenCV or blends in
 * photographs, a plain-Java stand-in is used; each method says how it differs.
 */
final class WeatherCorruptions {

    /** noise mean, noise sd, zoom, threshold, blur radius, blur sigma, blend. */
    private static final double[][] SNOW = {{0.1, 0.3, 3, 0.5, 10, 4, 0.8}, {0.2, 0.3, 2, 0.5, 12, 4, 0.7},
        {0.55, 0.3, 4, 0.9, 12, 8, 0.7}, {0.55, 0.3, 4.5, 0.85, 12, 8, 0.65}, {0.55, 0.3, 2.5, 0.85, 12, 12, 0.55}};
    /** image weight, frost weight. */
    private static final double[][] FROST = {{1, 0.4}, {0.8, 0.6}, {0.7, 0.7}, {0.65, 0.7}, {0.6, 0.75}};
    /** fog strength, fractal decay. */
    private static final double[][] FOG = {{1.5, 2}, {2, 2}, {2.5, 1.7}, {2.5, 1.5}, {3, 1.4}};
    /** noise mean, noise sd, blur sigma, threshold, intensity (water) or mask blur (mud), 0 water / 1 mud. */
    private static final double[][] SPATTER = {{0.65, 0.3, 4, 0.69, 0.6, 0}, {0.65, 0.3, 3, 0.68, 0.6, 0},
        {0.65, 0.3, 2, 0.68, 0.5, 0}, {0.65, 0.3, 1, 0.65, 1.5, 1}, {0.67, 0.4, 1, 0.65, 1.5, 1}};
    private static final double[] WATER = {175 / 255.0, 238 / 255.0, 238 / 255.0};
    private static final double[] MUD = {63 / 255.0, 42 / 255.0, 20 / 255.0};

    private WeatherCorruptions() {
    }

    /**
     * Falling snow: thresholded, enlarged Gaussian noise smeared by the motion blur at an angle in [-135, -45]
     * degrees, added with its half-turn rotation to an image brightened towards {@code 1.5 grey + 0.5}.
     * The flake enlargement is a length and is scaled (at least 1).
     */
    static float[] snow(Raster x, int severity, SplittableRandom random, double scale) {
        double[] c = SNOW[severity - 1];
        int h = x.height();
        int w = x.width();
        float[] layer = new float[h * w];
        for (int i = 0; i < layer.length; i++) {
            layer[i] = (float) (c[0] + c[1] * random.nextGaussian());
        }
        layer = Filters.clippedZoom(layer, h, w, Math.max(1, c[2] * scale));
        for (int i = 0; i < layer.length; i++) {
            layer[i] = layer[i] < c[3] ? 0 : Raster.clip(layer[i]);
        }
        int radius = Math.max(1, (int) Math.round(c[4] * scale));
        layer = Filters.motionBlur(layer, h, w, radius, c[5] * scale, random.nextDouble(-135, -45));
        for (int i = 0; i < layer.length; i++) {
            layer[i] = Math.round(layer[i] * 255) / 255f;
        }
        float[] grey = x.grey();
        float[] out = new float[x.v().length];
        int plane = x.plane();
        for (int ch = 0; ch < x.channels(); ch++) {
            for (int i = 0; i < plane; i++) {
                float v = x.v()[ch * plane + i];
                double bright = c[6] * v + (1 - c[6]) * Math.max(v, grey[i] * 1.5 + 0.5);
                out[ch * plane + i] = Raster.clip(bright + layer[i] + layer[plane - 1 - i]);
            }
        }
        return out;
    }

    /**
     * {@code a x + b frost}. The reference crops one of six photographs of frost; here the frost is a procedural
     * texture ({@link FrostTexture}) made for each image.
     */
    static float[] frost(Raster x, int severity, SplittableRandom random, double scale) {
        double[] c = FROST[severity - 1];
        float[] frost = FrostTexture.generate(x.channels(), x.height(), x.width(), scale, random);
        float[] out = new float[x.v().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Raster.clip(c[0] * x.v()[i] + c[1] * frost[i]);
        }
        return out;
    }

    /** A plasma fractal added with strength {@code c}, rescaled by {@code max / (max + c)} as in the reference. */
    static float[] fog(Raster x, int severity, SplittableRandom random, double scale) {
        double[] c = FOG[severity - 1];
        int side = PlasmaFractal.nextPowerOfTwo(Math.max(x.height(), x.width()));
        double[] plasma = PlasmaFractal.generate(side, c[1], random);
        double max = 0;
        for (float v : x.v()) {
            max = Math.max(max, v);
        }
        double factor = max / (max + c[0]);
        float[] out = new float[x.v().length];
        int plane = x.plane();
        for (int ch = 0; ch < x.channels(); ch++) {
            for (int y = 0; y < x.height(); y++) {
                for (int xx = 0; xx < x.width(); xx++) {
                    int i = ch * plane + y * x.width() + xx;
                    out[i] = Raster.clip((x.v()[i] + c[0] * plasma[y * side + xx]) * factor);
                }
            }
        }
        return out;
    }

    /**
     * Water drops (severities 1-3) or mud (4-5) from thresholded, blurred Gaussian noise. The blur width is scaled,
     * and the blurred noise is rescaled to the spread it has at the reference's width, so that the share of the
     * image covered does not depend on the image size. For water the reference shades the drops with OpenCV (Canny
     * edges, distance transform, histogram equalisation, an emboss kernel); the stand-in shades them by the
     * distance to the drop's edge (chamfer distance, capped at 20 reference pixels).
     */
    static float[] spatter(Raster x, int severity, SplittableRandom random, double scale) {
        double[] c = SPATTER[severity - 1];
        int h = x.height();
        int w = x.width();
        float[] noise = new float[h * w];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) random.nextGaussian();
        }
        double sigma = c[2] * scale;
        float[] blurred = Filters.gaussian(noise, h, w, sigma, 4.0, Filters.Edge.NEAREST);
        double gain = c[1] * Filters.noiseAttenuation(c[2], 4.0) / Filters.noiseAttenuation(sigma, 4.0);
        float[] liquid = new float[h * w];
        for (int i = 0; i < liquid.length; i++) {
            double v = c[0] + gain * blurred[i];
            liquid[i] = v < c[3] ? 0 : (float) v;
        }
        float[] m = new float[h * w];
        double[] colour;
        boolean mud = c[5] == 1;
        if (!mud) {
            float[] dist = distanceToEdge(liquid, h, w, Math.max(1, 20 * scale));
            double max = 0;
            for (int i = 0; i < m.length; i++) {
                m[i] = liquid[i] * dist[i];
                max = Math.max(max, m[i]);
            }
            for (int i = 0; i < m.length; i++) {
                m[i] = max > 0 ? (float) (m[i] / max * c[4]) : 0;
            }
            colour = WATER;
        } else {
            float[] mask = new float[h * w];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = liquid[i] > c[3] ? 1 : 0;
            }
            m = Filters.gaussian(mask, h, w, c[4] * scale, 4.0, Filters.Edge.NEAREST);
            for (int i = 0; i < m.length; i++) {
                m[i] = m[i] < 0.8f ? 0 : m[i];
            }
            colour = MUD;
        }
        float[] out = new float[x.v().length];
        int plane = x.plane();
        for (int ch = 0; ch < x.channels(); ch++) {
            for (int i = 0; i < plane; i++) {
                double add;
                if (x.channels() == 1) {
                    add = 0.2989 * Math.min(1, m[i] * colour[0]) + 0.5870 * Math.min(1, m[i] * colour[1])
                            + 0.1140 * Math.min(1, m[i] * colour[2]);
                } else {
                    add = m[i] * colour[Math.min(ch, 2)];
                }
                double v = x.v()[ch * plane + i];
                out[ch * plane + i] = Raster.clip(mud ? v * (1 - m[i]) + add : v + add);
            }
        }
        return out;
    }

    /** Chamfer (3-4) distance of each covered pixel to the nearest uncovered one, capped and scaled to [0, 1]. */
    static float[] distanceToEdge(float[] covered, int h, int w, double cap) {
        double inf = 1e9;
        double[] d = new double[h * w];
        for (int i = 0; i < d.length; i++) {
            d[i] = covered[i] > 0 ? inf : 0;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (d[i] == 0) {
                    continue;
                }
                double v = d[i];
                v = Math.min(v, x > 0 ? d[i - 1] + 1 : 1);
                v = Math.min(v, y > 0 ? d[i - w] + 1 : 1);
                v = Math.min(v, y > 0 && x > 0 ? d[i - w - 1] + 4.0 / 3 : 4.0 / 3);
                v = Math.min(v, y > 0 && x < w - 1 ? d[i - w + 1] + 4.0 / 3 : 4.0 / 3);
                d[i] = v;
            }
        }
        for (int y = h - 1; y >= 0; y--) {
            for (int x = w - 1; x >= 0; x--) {
                int i = y * w + x;
                double v = d[i];
                v = Math.min(v, x < w - 1 ? d[i + 1] + 1 : 1);
                v = Math.min(v, y < h - 1 ? d[i + w] + 1 : 1);
                v = Math.min(v, y < h - 1 && x < w - 1 ? d[i + w + 1] + 4.0 / 3 : 4.0 / 3);
                v = Math.min(v, y < h - 1 && x > 0 ? d[i + w - 1] + 4.0 / 3 : 4.0 / 3);
                d[i] = v;
            }
        }
        float[] out = new float[h * w];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (Math.min(d[i], cap) / cap);
        }
        return out;
    }
}
