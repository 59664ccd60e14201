package org.advlens.app.common;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.advlens.data.Images;
import org.advlens.io.AtomicFiles;
import org.advlens.render.ColourMaps;

/**
 * Saliency maps and differences drawn over their image: the map coloured with one of {@link ColourMaps}'
 * schemes, clipped at a percentile of its magnitude, blended with the grey image at a chosen opacity. Produces
 * packed ARGB pixels, shown as JavaFX images or written as PNG files with the same colours.
 */
public final class MapPictures {

    /** How a map is coloured: by its sign (diverging for signed maps, viridis for magnitudes) or one scheme. */
    public enum Colouring {
        AUTO("Auto (diverging if signed)"), DIVERGING("Diverging (blue-white-red)"), SEQUENTIAL("Sequential (viridis)"),
        GREY("Grey");

        private final String label;

        Colouring(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The scheme for a map whose sign does or does not carry meaning. */
        public ColourMaps.Scheme scheme(boolean signed) {
            return switch (this) {
                case AUTO -> signed ? ColourMaps.Scheme.DIVERGING : ColourMaps.Scheme.SEQUENTIAL;
                case DIVERGING -> ColourMaps.Scheme.DIVERGING;
                case SEQUENTIAL -> ColourMaps.Scheme.SEQUENTIAL;
                case GREY -> ColourMaps.Scheme.GREY;
            };
        }
    }

    private MapPictures() {
    }

    /**
     * The map over the image.
     *
     * @param image a batch whose image {@code index} is drawn in grey, {@code [lower, upper]} to black..white;
     *              {@code null} for the map alone
     * @param map {@code height * width} values
     * @param limit the magnitude shown at full colour (values beyond are clipped)
     * @param opacity 0 shows only the image, 1 only the map
     */
    public static int[] overlay(Images image, int index, double lower, double upper, float[] map,
                                ColourMaps.Scheme scheme, double limit, double opacity) {
        int[] colours = ColourMaps.render(map, scheme, limit);
        if (image == null || opacity >= 1) {
            return colours;
        }
        double a = Math.max(0, opacity);
        int plane = map.length;
        int channels = image.channels();
        float[] px = image.image(index).pixels();
        int[] out = new int[plane];
        for (int p = 0; p < plane; p++) {
            double grey = 0;
            for (int c = 0; c < channels; c++) {
                grey += px[c * plane + p];
            }
            grey = Math.max(0, Math.min(1, (grey / channels - lower) / (upper - lower))) * 255;
            int col = colours[p];
            int r = (int) Math.round(a * (col >> 16 & 0xFF) + (1 - a) * grey);
            int g = (int) Math.round(a * (col >> 8 & 0xFF) + (1 - a) * grey);
            int b = (int) Math.round(a * (col & 0xFF) + (1 - a) * grey);
            out[p] = 0xFF000000 | r << 16 | g << 8 | b;
        }
        return out;
    }

    /** The limit for {@code map} at {@code percentile} of its magnitudes, never zero for a non-zero map. */
    public static double limit(float[] map, double percentile) {
        double l = ColourMaps.percentileOfAbsolute(map, percentile);
        if (l > 0) {
            return l;
        }
        return ColourMaps.percentileOfAbsolute(map, 100);
    }

    /** A JavaFX image of {@code argb}, enlarged by whole pixels like {@link ImageRenderer}. */
    public static WritableImage toFx(int[] argb, int height, int width) {
        int scale = ImageRenderer.scaleFor(height, width);
        WritableImage out = new WritableImage(width * scale, height * scale);
        int[] row = new int[width * scale];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int k = 0; k < scale; k++) {
                    row[x * scale + k] = argb[y * width + x];
                }
            }
            for (int k = 0; k < scale; k++) {
                out.getPixelWriter().setPixels(0, y * scale + k, width * scale, 1, PixelFormat.getIntArgbInstance(),
                        row, 0, width * scale);
            }
        }
        return out;
    }

    /** A colour strip for a legend: the scheme from its low end (left) to its high end (right). */
    public static WritableImage legend(ColourMaps.Scheme scheme, int width, int height) {
        float[] ramp = new float[width];
        for (int x = 0; x < width; x++) {
            double t = (double) x / Math.max(1, width - 1);
            ramp[x] = (float) (scheme == ColourMaps.Scheme.DIVERGING ? 2 * t - 1 : t);
        }
        int[] row = ColourMaps.render(ramp, scheme, 1);
        WritableImage out = new WritableImage(width, height);
        for (int y = 0; y < height; y++) {
            out.getPixelWriter().setPixels(0, y, width, 1, PixelFormat.getIntArgbInstance(), row, 0, width);
        }
        return out;
    }

    /** Writes {@code argb} as a PNG, each pixel drawn {@code scale x scale}, creating the folder. */
    public static void writePng(int[] argb, int height, int width, int scale, Path file) throws IOException {
        BufferedImage out = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, argb[(y / scale) * width + x / scale] & 0xFFFFFF);
            }
        }
AtomicFiles.writePng(out, file);
    }
}
