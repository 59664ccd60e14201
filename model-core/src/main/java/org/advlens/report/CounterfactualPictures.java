package org.advlens.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.advlens.counterfactual.Counterfactual;
import org.advlens.counterfactual.PathPoint;
import org.advlens.data.ImageFiles;
import org.advlens.data.Images;
import org.advlens.io.AtomicFiles;
import org.advlens.render.ColourMaps;

/**
 * Pictures of counterfactuals for files and reports: the images, the signed difference map (blue where pixels got
 * darker, red where brighter, full colour at half the pixel range) and the path as a strip with the target
 * probability under each image. Pure Java2D; the desktop view draws its own.
 */
public final class CounterfactualPictures {

    private static final int CAPTION = 14;

    private CounterfactualPictures() {
    }

    /** One image, enlarged {@code scale} times with square pixels. */
    public static BufferedImage image(Images image, double lower, double upper, int scale) {
        return enlarge(ImageFiles.toBufferedImage(image, 0, lower, upper), scale);
    }

    /** {@code counterfactual - original} (summed over channels) in diverging colours, full colour at range / 2. */
    public static BufferedImage difference(Counterfactual c, double range, int scale) {
        return difference(c.original(), c.counterfactual(), range, scale);
    }

    /**
     * {@code counterfactual - start of the path}: for an on-manifold counterfactual the start is the original's
     * reconstruction, so this isolates the change the search made from what the generative model cannot render
     * (print, texture). Same colours as {@link #difference(Counterfactual, double, int)}.
     */
    public static BufferedImage differenceFromStart(Counterfactual c, double range, int scale) {
        return difference(c.path().isEmpty() ? c.original() : c.path().get(0).image(), c.counterfactual(), range,
                scale);
    }

    private static BufferedImage difference(Images from, Images to, double range, int scale) {
        int plane = from.height() * from.width();
        float[] a = from.pixels();
        float[] b = to.pixels();
        float[] map = new float[plane];
        for (int i = 0; i < a.length; i++) {
            map[i % plane] += (b[i] - a[i]) / from.channels();
        }
        int[] rgb = ColourMaps.render(map, ColourMaps.Scheme.DIVERGING, range / 2);
        BufferedImage out = new BufferedImage(from.width(), from.height(), BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, from.width(), from.height(), rgb, 0, from.width());
        return enlarge(out, scale);
    }

    /**
     * The path as a strip, each image captioned with its step and target probability. A search that recorded no
     * path gives the original and the counterfactual, captioned with their target probabilities.
     */
    public static BufferedImage path(Counterfactual c, double lower, double upper, int scale) {
        List<PathPoint> points = c.path().isEmpty()
                ? List.of(new PathPoint(0, c.original(), c.originalProbabilities()),
                        new PathPoint(c.steps(), c.counterfactual(), c.probabilities()))
                : c.path();
        int w = c.original().width() * scale;
        int h = c.original().height() * scale;
        BufferedImage out = new BufferedImage(points.size() * (w + 4), h + CAPTION, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(out);
        for (int k = 0; k < points.size(); k++) {
            PathPoint p = points.get(k);
            g.drawImage(image(p.image(), lower, upper, scale), k * (w + 4), 0, null);
            g.drawString(String.format(Locale.ROOT, "%d: %.2f", p.step(), p.probability(c.targetClass())),
                    k * (w + 4) + 2, h + CAPTION - 3);
        }
        g.dispose();
        return out;
    }

    /**
     * A captioned grid: one row per entry of {@code rows}, one column per picture, with {@code headers} above.
     */
    public static BufferedImage grid(List<String> headers, List<List<BufferedImage>> rows, List<String> rowLabels) {
        int cell = 0;
        int height = 0;
        for (List<BufferedImage> r : rows) {
            for (BufferedImage b : r) {
                cell = Math.max(cell, b.getWidth());
                height = Math.max(height, b.getHeight());
            }
        }
        int label = 150;
        int cols = headers.size();
        BufferedImage out = new BufferedImage(label + cols * (cell + 6), CAPTION + 4 + rows.size() * (height + 6),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(out);
        for (int c = 0; c < cols; c++) {
            g.drawString(headers.get(c), label + c * (cell + 6), CAPTION);
        }
        for (int r = 0; r < rows.size(); r++) {
            int y = CAPTION + 4 + r * (height + 6);
            String[] lines = rowLabels.get(r).split("\n");
            for (int l = 0; l < lines.length; l++) {
                g.drawString(lines[l], 4, y + CAPTION * (l + 1));
            }
            for (int c = 0; c < rows.get(r).size(); c++) {
                g.drawImage(rows.get(r).get(c), label + c * (cell + 6), y, null);
            }
        }
        g.dispose();
        return out;
    }

    public static void writePng(BufferedImage image, Path file) throws IOException {
        AtomicFiles.writePng(image, file);
    }

    private static Graphics2D canvas(BufferedImage out) {
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        return g;
    }

    private static BufferedImage enlarge(BufferedImage in, int scale) {
        if (scale < 1 || scale > 64) {
            throw new IllegalArgumentException("scale must be in [1, 64], got " + scale);
        }
        BufferedImage out = new BufferedImage(in.getWidth() * scale, in.getHeight() * scale,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(in, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }
}
