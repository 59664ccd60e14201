package org.advlens.saliency.relevance;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.advlens.data.ImageFiles;
import org.advlens.data.Images;
import org.advlens.render.ColourMaps;

/**
 * Draws a {@link ConceptAtlas}: per explained image a block whose first row shows the image and its LRP heatmap,
 * then one row per concept with the concept's conditional heatmap on the image followed by its reference images,
 * each next to the concept's heatmap on it. Relevance is red (for the class) and blue (against).
 */
public final class ConceptAtlasPicture {

    private static final int PAD = 4;
    private static final Color TEXT = new Color(0x20, 0x20, 0x20);

    private ConceptAtlasPicture() {
    }

    /**
     * @param queries the explained images
     * @param referenceData the data set the references index into
     * @param classNames for the labels
     * @param maxReferences reference images drawn per concept
     * @param scale pixels per image pixel, in [1, 16]
     */
    public static BufferedImage render(ConceptAtlas atlas, Images queries, Images referenceData,
                                       List<String> classNames, double lower, double upper, int maxReferences,
                                       int scale) {
        if (scale < 1 || scale > 16) {
            throw new IllegalArgumentException("scale must be in [1, 16], got " + scale);
        }
        int cellW = queries.width() * scale;
        int cellH = queries.height() * scale;
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        int lineH = 16;
        int refs = 0;
        int rows = 0;
        for (ConceptAtlas.Entry e : atlas.entries()) {
            rows += Math.max(1, e.explanation().concepts().size());
            for (List<ConceptAtlas.ReferenceImage> r : e.references()) {
                refs = Math.max(refs, Math.min(maxReferences, r.size()));
            }
        }
        int columns = 1 + 2 * refs;
        int width = PAD + 2 * cellW + 3 * PAD + columns * (cellW + PAD);
        int height = PAD + rows * (cellH + lineH + PAD) + atlas.entries().size() * (lineH + 3 * PAD);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setFont(font);
            FontMetrics fm = g.getFontMetrics();
            int y = PAD;
            for (ConceptAtlas.Entry e : atlas.entries()) {
                ConceptExplanation ex = e.explanation();
                String cls = name(classNames, ex.target());
                int x0 = PAD + 2 * cellW + 3 * PAD;
                label(g, fm, "'" + cls + "': its top concepts in layer " + atlas.layer() + " (channel, share of the"
                        + " relevance, conditional heatmap) and each concept's reference images", PAD, y, width);
                y += lineH;
                label(g, fm, "input", PAD, y, cellW);
                label(g, fm, String.format(Locale.ROOT, "LRP %.2f", ex.inputRelevanceSum()), PAD + cellW + PAD,
                        y, cellW);
                g.drawImage(grey(queries, e.image(), lower, upper, scale), PAD, y + lineH, null);
                g.drawImage(heat(ex.heatmap(), ex, scale), PAD + cellW + PAD, y + lineH, null);
                for (int c = 0; c < ex.concepts().size(); c++) {
                    Concept concept = ex.concepts().get(c);
                    label(g, fm, String.format(Locale.ROOT, "ch %d  %.0f%%", concept.channel(),
                            100 * concept.share()), x0, y, cellW);
                    g.drawImage(heat(concept.heatmap(), ex, scale), x0, y + lineH, null);
                    List<ConceptAtlas.ReferenceImage> rs = e.references().get(c);
                    for (int j = 0; j < Math.min(maxReferences, rs.size()); j++) {
                        ConceptAtlas.ReferenceImage r = rs.get(j);
                        int x = x0 + (1 + 2 * j) * (cellW + PAD);
                        label(g, fm, "#" + r.index() + " " + name(classNames, r.target()), x, y, 2 * cellW + PAD);
                        g.drawImage(grey(referenceData, r.index(), lower, upper, scale), x, y + lineH, null);
                        g.drawImage(heat(r.heatmap(), ex, scale), x + cellW + PAD, y + lineH, null);
                    }
                    y += cellH + lineH + PAD;
                }
                y += 3 * PAD;
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static String name(List<String> names, int k) {
        return k >= 0 && k < names.size() ? names.get(k) : "class " + k;
    }

    private static void label(Graphics2D g, FontMetrics fm, String text, int x, int y, int width) {
        String t = text;
        while (t.length() > 3 && fm.stringWidth(t) > width) {
            t = t.substring(0, t.length() - 2) + "…";
        }
        g.setColor(TEXT);
        g.drawString(t, x, y + fm.getAscent());
    }

    /** A heatmap summed over channels, diverging colours limited at its 99th percentile of |value|. */
    public static BufferedImage heat(float[] chw, ConceptExplanation shape, int scale) {
        int plane = shape.height() * shape.width();
        float[] sum = new float[plane];
        for (int i = 0; i < chw.length; i++) {
            sum[i % plane] += chw[i];
        }
        return scaled(ColourMaps.render(sum, true), shape.height(), shape.width(), scale);
    }

    private static BufferedImage grey(Images images, int index, double lower, double upper, int scale) {
        BufferedImage src = ImageFiles.toBufferedImage(images, index, lower, upper);
        int[] argb = src.getRGB(0, 0, src.getWidth(), src.getHeight(), null, 0, src.getWidth());
        return scaled(argb, src.getHeight(), src.getWidth(), scale);
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
}
