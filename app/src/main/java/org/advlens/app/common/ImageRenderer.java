package org.advlens.app.common;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.advlens.data.Images;
import org.advlens.render.ColourMaps;

/**
 * Draws plain image data as JavaFX images, enlarged by whole pixels so small inputs (28x28) stay crisp.
 */
public final class ImageRenderer {

    /** The side, in screen pixels, that small images are enlarged to at most. */
    public static final int DISPLAY_SIZE = 224;

    private ImageRenderer() {
    }

    /** The whole-pixel enlargement that brings an image of this size close to {@link #DISPLAY_SIZE}. */
    public static int scaleFor(int height, int width) {
        return Math.max(1, DISPLAY_SIZE / Math.max(height, width));
    }

    /** Image {@code index} of {@code images}, mapping {@code [lower, upper]} to black..white (clipped). */
    public static WritableImage render(Images images, int index, double lower, double upper) {
        int c = images.channels();
        int h = images.height();
        int w = images.width();
        int[] argb = new int[h * w];
        double range = upper - lower;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = byteOf((images.get(index, 0, y, x) - lower) / range);
                int g = c == 3 ? byteOf((images.get(index, 1, y, x) - lower) / range) : r;
                int b = c == 3 ? byteOf((images.get(index, 2, y, x) - lower) / range) : r;
                argb[y * w + x] = 0xFF000000 | r << 16 | g << 8 | b;
            }
        }
        return enlarge(argb, h, w, scaleFor(h, w));
    }

    /**
     * A signed map (values in [-1, 1]) on a diverging blue-white-red scale: -1 blue, 0 white, +1 red.
     *
     * @param map {@code height * width} values, row-major
     */
    public static WritableImage diverging(float[] map, int height, int width) {
        int[] argb = new int[height * width];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = divergingColour(map[i]);
        }
        return enlarge(argb, height, width, scaleFor(height, width));
    }

    /** A legend strip for {@link #diverging}: blue on the left, white in the middle, red on the right. */
    public static WritableImage divergingLegend(int width, int height) {
        int[] argb = new int[width * height];
        for (int x = 0; x < width; x++) {
            int colour = divergingColour((float) (2.0 * x / Math.max(1, width - 1) - 1));
            for (int y = 0; y < height; y++) {
                argb[y * width + x] = colour;
            }
        }
        return enlarge(argb, height, width, 1);
    }

    /**
     * ARGB colour of {@code v} in [-1, 1] on the diverging scale the saliency maps use too
     * ({@link ColourMaps#diverging}, ColorBrewer RdBu, white at 0); a value that is not finite is white.
     */
    public static int divergingColour(float v) {
        return ColourMaps.diverging(Float.isFinite(v) ? v : 0);
    }

    private static int byteOf(double unit) {
        if (!(unit > 0)) {
            return 0;
        }
        return unit >= 1 ? 255 : (int) Math.round(unit * 255);
    }

    private static WritableImage enlarge(int[] argb, int h, int w, int scale) {
        WritableImage out = new WritableImage(w * scale, h * scale);
        int[] row = new int[w * scale];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = argb[y * w + x];
                for (int k = 0; k < scale; k++) {
                    row[x * scale + k] = v;
                }
            }
            for (int k = 0; k < scale; k++) {
                out.getPixelWriter().setPixels(0, y * scale + k, w * scale, 1, PixelFormat.getIntArgbInstance(),
                        row, 0, w * scale);
            }
        }
        return out;
    }
}
