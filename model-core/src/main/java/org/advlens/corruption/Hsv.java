package org.advlens.corruption;

/** RGB to HSV and back, all in [0, 1], as scikit-image's {@code rgb2hsv} and {@code hsv2rgb}. */
final class Hsv {

    private Hsv() {
    }

    /** Writes hue, saturation and value of (r, g, b) into {@code hsv}. */
    static void fromRgb(double r, double g, double b, double[] hsv) {
        double max = Math.max(r, Math.max(g, b));
        double min = Math.min(r, Math.min(g, b));
        double delta = max - min;
        double h = 0;
        if (delta > 0) {
            if (max == r) {
                h = (g - b) / delta;
            } else if (max == g) {
                h = 2 + (b - r) / delta;
            } else {
                h = 4 + (r - g) / delta;
            }
            h = h / 6;
            if (h < 0) {
                h += 1;
            }
        }
        hsv[0] = h;
        hsv[1] = max > 0 ? delta / max : 0;
        hsv[2] = max;
    }

    /** Writes red, green and blue of (h, s, v) into {@code rgb}. */
    static void toRgb(double h, double s, double v, double[] rgb) {
        double hh = (h * 6) % 6;
        int i = (int) Math.floor(hh);
        double f = hh - i;
        double p = v * (1 - s);
        double q = v * (1 - f * s);
        double t = v * (1 - (1 - f) * s);
        switch (i) {
            case 0 -> set(rgb, v, t, p);
            case 1 -> set(rgb, q, v, p);
            case 2 -> set(rgb, p, v, t);
            case 3 -> set(rgb, p, q, v);
            case 4 -> set(rgb, t, p, v);
            default -> set(rgb, v, p, q);
        }
    }

    private static void set(double[] rgb, double r, double g, double b) {
        rgb[0] = r;
        rgb[1] = g;
        rgb[2] = b;
    }
}
