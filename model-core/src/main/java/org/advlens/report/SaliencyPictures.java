package org.advlens.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.advlens.data.ImageFiles;
import org.advlens.data.Images;
import org.advlens.io.AtomicFiles;
import org.advlens.render.ColourMaps;
import org.advlens.saliency.SaliencyMap;
import org.advlens.saliency.sanity.Randomization;
import org.advlens.saliency.sanity.SanityCheckResult;

/**
 * Pictures of saliency maps with AWT images: one map in its colour map (diverging for signed maps, viridis for
 * magnitudes, each map scaled to its own 99th percentile of {@code |value|}), and the sanity-check grid of maps,
 * one row per method and one column per randomisation step, with the input image first. Pixels are enlarged by
 * an integer factor without smoothing.
 */
public final class SaliencyPictures {

    private static final int PAD = 4;
    private static final Color BACKGROUND = Color.WHITE;
    private static final Color TEXT = new Color(0x20, 0x20, 0x20);

    private SaliencyPictures() {
    }

    /** Map {@code index} of {@code map}, summed over channels, coloured, each pixel drawn {@code scale x scale}. */
    public static BufferedImage render(SaliencyMap map, int index, int scale) {
        checkScale(scale);
        return scaled(ColourMaps.render(map.plane(index), map.signed()), map.height(), map.width(), scale);
    }

    /** Image {@code index} of {@code images} drawn {@code scale x scale} per pixel, bounds mapped to black..white. */
    public static BufferedImage render(Images images, int index, double lower, double upper, int scale) {
        checkScale(scale);
        BufferedImage src = ImageFiles.toBufferedImage(images, index, lower, upper);
        int[] argb = src.getRGB(0, 0, src.getWidth(), src.getHeight(), null, 0, src.getWidth());
        return scaled(argb, src.getHeight(), src.getWidth(), scale);
    }

    /**
     * The grid of a sanity check for one image: a header row with the step labels, then one row per method
     * (labelled on the left) with that method's map at each step; the first column is the input image when
     * {@code inputs} is given.
     *
     * @param inputs the images the check ran on, or {@code null} to leave the input column out
     */
    public static BufferedImage grid(SanityCheckResult result, int image, Images inputs, double lower, double upper,
                                     int scale) {
        checkScale(scale);
        if (image < 0 || image >= result.images()) {
            throw new IndexOutOfBoundsException("image " + image + " of " + result.images());
        }
        SaliencyMap first = result.map(0, 0);
        int cellW = first.width() * scale;
        int cellH = first.height() * scale;
        List<String> steps = result.steps();
        int columns = steps.size() + (inputs != null ? 1 : 0);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, Math.min(14, cellH / 6)));
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        pg.setFont(font);
        FontMetrics fm = pg.getFontMetrics();
        int labelW = 0;
        for (String m : result.methods()) {
            labelW = Math.max(labelW, fm.stringWidth(m));
        }
        pg.dispose();
        labelW += 2 * PAD;
        int headerH = fm.getHeight() * 2 + PAD;
        int width = labelW + columns * (cellW + PAD) + PAD;
        int height = headerH + result.methods().size() * (cellH + PAD) + PAD;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            g.setFont(font);
            g.setColor(TEXT);
            int x0 = labelW;
            if (inputs != null) {
                drawCentred(g, fm, "input", x0, cellW, fm.getAscent() + PAD);
                x0 += cellW + PAD;
            }
            for (int s = 0; s < steps.size(); s++) {
                int x = x0 + s * (cellW + PAD);
                String top = s == 0 ? "original" : result.randomization() == Randomization.CASCADING ? "down to"
                        : result.randomization() == Randomization.INDEPENDENT ? "only" : "";
                drawCentred(g, fm, s == 0 ? "" : top, x, cellW, fm.getAscent() + PAD);
                drawCentred(g, fm, s == 0 ? "model" : steps.get(s), x, cellW, fm.getAscent() + fm.getHeight() + PAD);
            }
            for (int m = 0; m < result.methods().size(); m++) {
                int y = headerH + m * (cellH + PAD);
                g.setColor(TEXT);
                g.drawString(result.methods().get(m), PAD, y + cellH / 2 + fm.getAscent() / 2);
                int x = labelW;
                if (inputs != null) {
                    g.drawImage(render(inputs, image, lower, upper, scale), x, y, null);
                    x += cellW + PAD;
                }
                for (int s = 0; s < steps.size(); s++) {
                    g.drawImage(render(result.map(m, s), image, scale), x + s * (cellW + PAD), y, null);
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Writes {@code image} as a PNG, creating parent folders. */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        AtomicFiles.writePng(image, file);
    }

    private static void drawCentred(Graphics2D g, FontMetrics fm, String text, int x, int width, int baseline) {
        String t = text;
        while (t.length() > 3 && fm.stringWidth(t) > width) {
            t = t.substring(0, t.length() - 2) + "…";
        }
        g.drawString(t, x + (width - fm.stringWidth(t)) / 2, baseline);
    }

    private static BufferedImage scaled(int[] argb, int h, int w, int scale) {
        BufferedImage out = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h * scale; y++) {
            for (int x = 0; x < w * scale; x++) {
                out.setRGB(x, y, argb[(y / scale) * w + x / scale]);
            }
        }
        return out;
    }

    private static void checkScale(int scale) {
        if (scale < 1 || scale > 64) {
            throw new IllegalArgumentException("scale must be in [1, 64], got " + scale);
        }
    }
}
