package org.advlens.render;

import java.util.Arrays;

/**
 * Colour maps for saliency maps and perturbations, as packed {@code 0xAARRGGBB} ints that AWT
 * ({@code BufferedImage.setRGB}) and JavaFX ({@code PixelWriter.setArgb}) both take, so the command line and the
 * desktop app draw the same colours. Free of any UI toolkit.
 *
 * <ul>
 *   <li>Diverging (signed maps): blue for negative, white for zero, red for positive (ColorBrewer RdBu, Brewer
 *       2003), symmetric about zero.</li>
 *   <li>Sequential (magnitudes): viridis (van der Walt and Smith, 2015), dark purple for zero to yellow for the
 *       maximum; perceptually uniform and readable in grey.</li>
 * </ul>
 *
 * <p>Limits default to the 99th percentile of the absolute values (as in Smilkov et al., 2017), so one extreme
 * pixel does not wash out the rest; values beyond the limit are clipped.
 */
public final class ColourMaps {

    /** The percentile of {@code |value|} used as the colour limit by the {@code render} conveniences. */
    public static final double DEFAULT_PERCENTILE = 99;

    /** How values map to colours. */
    public enum Scheme {
        /** Blue-white-red, symmetric about zero: for signed maps. */
        DIVERGING,
        /** Viridis over [0, limit] of the absolute values: for magnitudes. */
        SEQUENTIAL,
        /** Black to white over [0, limit] of the absolute values. */
        GREY
    }

    private static final int[][] RDBU = {
        {33, 102, 172}, {103, 169, 207}, {209, 229, 240}, {247, 247, 247}, {253, 219, 199}, {239, 138, 98},
        {178, 24, 43}};

    private static final int[][] VIRIDIS = {
        {0x44, 0x01, 0x54}, {0x48, 0x24, 0x75}, {0x41, 0x44, 0x87}, {0x35, 0x5F, 0x8D}, {0x2A, 0x78, 0x8E},
        {0x21, 0x91, 0x8C}, {0x22, 0xA8, 0x84}, {0x44, 0xBF, 0x70}, {0x7A, 0xD1, 0x51}, {0xBD, 0xDF, 0x26},
        {0xFD, 0xE7, 0x25}};

    private ColourMaps() {
    }

    /** The diverging colour of {@code t} in [-1, 1] (clipped): -1 blue, 0 white, +1 red. */
    public static int diverging(double t) {
        return interpolate(RDBU, (clip(t, -1, 1) + 1) / 2);
    }

    /** The viridis colour of {@code t} in [0, 1] (clipped). */
    public static int sequential(double t) {
        return interpolate(VIRIDIS, clip(t, 0, 1));
    }

    /** The grey level of {@code t} in [0, 1] (clipped). */
    public static int grey(double t) {
        int v = (int) Math.round(255 * clip(t, 0, 1));
        return 0xFF000000 | v << 16 | v << 8 | v;
    }

    /**
     * Colours every value of {@code map}.
     *
     * @param limit the value shown at full colour: {@code [-limit, limit]} for diverging, {@code [0, limit]} of the
     *              absolute value otherwise; a limit that is not positive draws everything as zero
     */
    public static int[] render(float[] map, Scheme scheme, double limit) {
        int[] out = new int[map.length];
        double inv = limit > 0 && Double.isFinite(limit) ? 1 / limit : 0;
        for (int i = 0; i < map.length; i++) {
            double v = Float.isFinite(map[i]) ? map[i] * inv : 0;
            out[i] = switch (scheme) {
                case DIVERGING -> diverging(v);
                case SEQUENTIAL -> sequential(Math.abs(v));
                case GREY -> grey(Math.abs(v));
            };
        }
        return out;
    }

    /**
     * Colours a saliency map with the scheme that suits it: diverging for a signed map, sequential for
     * magnitudes, each limited at the {@value #DEFAULT_PERCENTILE}th percentile of {@code |value|}.
     */
    public static int[] render(float[] map, boolean signed) {
        return render(map, signed ? Scheme.DIVERGING : Scheme.SEQUENTIAL, percentileOfAbsolute(map,
                DEFAULT_PERCENTILE));
    }

    /** The {@code percentile}-th percentile (0-100, nearest rank) of {@code |map|}; 0 for an empty map. */
    public static double percentileOfAbsolute(float[] map, double percentile) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + percentile);
        }
        if (map.length == 0) {
            return 0;
        }
        float[] a = new float[map.length];
        for (int i = 0; i < map.length; i++) {
            a[i] = Float.isFinite(map[i]) ? Math.abs(map[i]) : 0;
        }
        Arrays.sort(a);
        int rank = (int) Math.ceil(percentile / 100 * a.length) - 1;
        return a[Math.max(0, Math.min(a.length - 1, rank))];
    }

    /** Red, green and blue of a packed colour, each 0-255. */
    public static int[] rgb(int argb) {
        return new int[] {argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF};
    }

    private static int interpolate(int[][] stops, double t) {
        double pos = t * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) Math.floor(pos));
        double f = pos - i;
        int r = (int) Math.round(stops[i][0] + f * (stops[i + 1][0] - stops[i][0]));
        int g = (int) Math.round(stops[i][1] + f * (stops[i + 1][1] - stops[i][1]));
        int b = (int) Math.round(stops[i][2] + f * (stops[i + 1][2] - stops[i][2]));
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    private static double clip(double v, double lo, double hi) {
        return Double.isNaN(v) ? 0 : Math.max(lo, Math.min(hi, v));
    }
}
