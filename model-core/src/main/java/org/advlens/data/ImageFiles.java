package org.advlens.data;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.awt.color.ColorSpace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.advlens.io.AtomicFiles;
import org.advlens.model.InputSpec;

/**
 * Reads PNG, JPEG, BMP and GIF files into image batches that match an {@link InputSpec}, and writes images
 * back to PNG. Reading goes through {@link ImageConversion#fitToSpec}: grey/colour conversion, resizing to the
 * spec's size, and mapping {@code [0, 255]} onto the spec's bounds. An alpha channel is ignored (the colour
 * values are used as stored). The image's size is checked from its header before decoding, and images larger
 * than {@link #MAX_PIXELS} are refused.
 */
public final class ImageFiles {

    /** The largest image read, in pixels (50 megapixels). */
    public static final long MAX_PIXELS = 50_000_000L;

    private static final Set<String> FORMATS = Set.of("png", "jpeg", "bmp", "gif");
    private static final String EXPECTED = "expected PNG, JPEG, BMP or GIF";

    private ImageFiles() {
    }

    /** Reads an image file as a batch of one fitted to {@code spec}. */
    public static Images read(Path file, InputSpec spec) throws IOException {
        return fromBufferedImage(readBufferedImage(file), spec);
    }

    /** Reads an image file as a batch of one at its own size, grey (1 channel) or colour (3), values in [0, 1]. */
    public static Images readUnit(Path file) throws IOException {
        return toUnitImages(readBufferedImage(file));
    }

    /**
     * Decodes an image file after checking that it is a PNG, JPEG, BMP or GIF of at most {@link #MAX_PIXELS}.
     *
     * @throws DataLoadException naming the file and the problem
     */
    public static BufferedImage readBufferedImage(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new DataLoadException(file, "no such file (" + file.toAbsolutePath() + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw new DataLoadException(file, "not a file; " + EXPECTED);
        }
        if (!Files.isReadable(file)) {
            throw new DataLoadException(file, "cannot be read (permission denied)");
        }
        try (InputStream raw = Files.newInputStream(file)) {
            return decode(raw, file.getFileName().toString());
        }
    }

    /** Decodes an image from a stream; {@code source} names it in error messages. */
    public static BufferedImage decode(InputStream raw, String source) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(raw)) {
            if (in == null) {
                throw new DataLoadException(source, "cannot be read as an image stream");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DataLoadException(source, "not an image: " + EXPECTED);
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!FORMATS.contains(format)) {
                    throw new DataLoadException(source, "unsupported image format " + format + ": " + EXPECTED);
                }
                reader.setInput(in, true, true);
                long width;
                long height;
                try {
                    width = reader.getWidth(0);
                    height = reader.getHeight(0);
                } catch (IOException | RuntimeException e) {
                    throw new DataLoadException(source, "corrupt " + format.toUpperCase(Locale.ROOT)
                            + " header: " + e.getMessage(), e);
                }
                if (width * height > MAX_PIXELS) {
                    throw new DataLoadException(source, String.format(Locale.ROOT,
                            "image is %dx%d (%.1f megapixels); AdvLens reads images of at most %d megapixels",
                            width, height, width * height / 1e6, MAX_PIXELS / 1_000_000));
                }
                try {
                    return reader.read(0);
                } catch (IOException | RuntimeException e) {
                    throw new DataLoadException(source, "corrupt or unsupported " + format.toUpperCase(Locale.ROOT)
                            + " data: " + e.getMessage(), e);
                }
            } finally {
                reader.dispose();
            }
        }
    }

    /** Converts an image to a batch of one fitted to {@code spec}. */
    public static Images fromBufferedImage(BufferedImage image, InputSpec spec) {
        return ImageConversion.fitToSpec(toUnitImages(image), spec);
    }

    /**
     * Converts an image to a batch of one at its own size with values in [0, 1]: one channel if the image is
     * grey (read from the raster, without colour management), otherwise three RGB channels.
     */
    public static Images toUnitImages(BufferedImage image) {
        if (image == null) {
            throw new IllegalArgumentException("image must not be null");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        if ((long) w * h > MAX_PIXELS) {
            throw new IllegalArgumentException("image is " + w + "x" + h + "; at most " + MAX_PIXELS + " pixels");
        }
        if (isGrey(image)) {
            Raster raster = image.getRaster();
            float max = (1 << image.getColorModel().getComponentSize(0)) - 1;
            float[] px = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    px[y * w + x] = raster.getSample(x, y, 0) / max;
                }
            }
            return new Images(px, 1, 1, h, w);
        }
        int plane = w * h;
        float[] px = new float[3 * plane];
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int p = 0; p < plane; p++) {
            int v = argb[p];
            px[p] = ((v >> 16) & 0xFF) / 255f;
            px[plane + p] = ((v >> 8) & 0xFF) / 255f;
            px[2 * plane + p] = (v & 0xFF) / 255f;
        }
        return new Images(px, 1, 3, h, w);
    }

    /**
     * Renders image {@code index} of {@code images} (1 or 3 channels) as an 8-bit image, mapping
     * {@code [lower, upper]} to {@code [0, 255]} and clipping values outside.
     */
    public static BufferedImage toBufferedImage(Images images, int index, double lower, double upper) {
        if (index < 0 || index >= images.count()) {
            throw new IndexOutOfBoundsException("image " + index + " of " + images.count());
        }
        Images unit = ImageConversion.toUnit(images.image(index), lower, upper);
        int w = unit.width();
        int h = unit.height();
        float[] px = unit.pixels();
        if (unit.channels() == 1) {
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            WritableRaster raster = out.getRaster();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    raster.setSample(x, y, 0, Math.round(px[y * w + x] * 255f));
                }
            }
            return out;
        }
        if (unit.channels() != 3) {
            throw new IllegalArgumentException("can only render 1 or 3 channels, got " + unit.channels());
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int plane = w * h;
        int[] rgb = new int[plane];
        for (int p = 0; p < plane; p++) {
            rgb[p] = Math.round(px[p] * 255f) << 16 | Math.round(px[plane + p] * 255f) << 8
                    | Math.round(px[2 * plane + p] * 255f);
        }
        out.setRGB(0, 0, w, h, rgb, 0, w);
        return out;
    }

    /** Writes image {@code index} of {@code images} as a PNG, mapping {@code [lower, upper]} to [0, 255]. */
    public static void writePng(Images images, int index, double lower, double upper, Path file) throws IOException {
        writePng(toBufferedImage(images, index, lower, upper), file);
    }

    /**
     * Writes a single-channel map (a saliency map, a perturbation) as a grey PNG, mapping {@code [min, max]} to
     * black..white.
     *
     * @param map {@code height * width} values, row-major
     */
    public static void writePng(float[] map, int height, int width, double min, double max, Path file)
            throws IOException {
        writePng(new Images(map.clone(), 1, 1, height, width), 0, min, max, file);
    }

    private static void writePng(BufferedImage image, Path file) throws IOException {
        AtomicFiles.writePng(image, file);
    }

    private static boolean isGrey(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        return !(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && image.getRaster().getNumBands() >= 1;
    }
}
