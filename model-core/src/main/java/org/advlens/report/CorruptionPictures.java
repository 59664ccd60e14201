package org.advlens.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.advlens.corruption.Corruption;
import org.advlens.corruption.CorruptionOptions;
import org.advlens.data.ImageFiles;
import org.advlens.data.Images;
import org.advlens.eval.CorruptionEvaluation;
import org.advlens.model.Classifier;
import org.advlens.render.ColourMaps;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pictures of common corruptions: a gallery of one image under every corruption and severity with the model's
 * prediction under each, and a heatmap of the error per corruption and severity. Pure Java2D.
 */
public final class CorruptionPictures {

    private static final int LABEL = 120;
    private static final int CAPTION = 14;
    private static final int GAP = 6;

    private CorruptionPictures() {
    }

    /**
     * One row per corruption: the clean image, then each severity, captioned with the predicted class (marked
     * with '*' where it differs from the clean prediction).
     *
     * @param image one image in the model's pixel space
     * @param scale enlargement of each picture, 1 to 32
     */
    public static BufferedImage gallery(Classifier model, Images image, List<Corruption> corruptions,
                                        int[] severities, long seed, CorruptionOptions options, int scale) {
        if (image == null || image.count() != 1) {
            throw new IllegalArgumentException("the gallery shows exactly one image");
        }
        if (scale < 1 || scale > 32) {
            throw new IllegalArgumentException("scale must be 1 to 32, got " + scale);
        }
        int cellW = Math.max(image.width() * scale, 70);
        int cellH = image.height() * scale;
        BufferedImage out = canvas(LABEL + (severities.length + 1) * (cellW + GAP),
                CAPTION + GAP + corruptions.size() * (cellH + CAPTION + GAP));
        Graphics2D g = graphics(out);
        g.drawString("clean", LABEL, CAPTION - 2);
        for (int k = 0; k < severities.length; k++) {
            g.drawString("severity " + severities[k], LABEL + (k + 1) * (cellW + GAP), CAPTION - 2);
        }
        int clean = predict(model, image)[0];
        for (int r = 0; r < corruptions.size(); r++) {
            Corruption c = corruptions.get(r);
            float[] px = new float[(severities.length + 1) * image.imageSize()];
            System.arraycopy(image.pixels(), 0, px, 0, image.imageSize());
            for (int k = 0; k < severities.length; k++) {
                System.arraycopy(c.apply(image, severities[k], seed, options).pixels(), 0, px,
                        (k + 1) * image.imageSize(), image.imageSize());
            }
            Images row = new Images(px, severities.length + 1, image.channels(), image.height(), image.width());
            int[] p = predict(model, row);
            int y = CAPTION + GAP + r * (cellH + CAPTION + GAP);
            g.drawString(c.id(), 4, y + CAPTION);
            for (int k = 0; k <= severities.length; k++) {
                int x = LABEL + k * (cellW + GAP);
                BufferedImage pic = ImageFiles.toBufferedImage(row, k, options.lower(), options.upper());
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                        RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
                g.drawImage(pic, x, y, image.width() * scale, cellH, null);
                String name = p[k] < model.classNames().size() ? model.classNames().get(p[k]) : "class " + p[k];
                g.setColor(p[k] == clean ? Color.BLACK : new Color(0xB00000));
                g.drawString(name + (p[k] == clean ? "" : " *"), x, y + cellH + CAPTION - 3);
                g.setColor(Color.BLACK);
            }
        }
        g.dispose();
        return out;
    }

    /** The error per corruption (rows) and severity (columns) in viridis colours, with the values and CE. */
    public static BufferedImage heatmap(CorruptionEvaluation.Result r) {
        int[] sev = r.options().severities();
        int cellW = 56;
        int cellH = 20;
        List<CorruptionEvaluation.Row> rows = r.rows();
        BufferedImage out = canvas(LABEL + (sev.length + 2) * cellW + GAP, CAPTION + GAP + (rows.size() + 1) * cellH);
        Graphics2D g = graphics(out);
        double max = Math.max(r.cleanError(), rows.stream().flatMapToDouble(x -> java.util.Arrays.stream(x.errors()))
                .max().orElse(1));
        g.drawString("clean", LABEL + 4, CAPTION);
        for (int k = 0; k < sev.length; k++) {
            g.drawString("sev " + sev[k], LABEL + (k + 1) * cellW + 4, CAPTION);
        }
        g.drawString("CE", LABEL + (sev.length + 1) * cellW + 4 + GAP, CAPTION);
        for (int i = 0; i < rows.size(); i++) {
            CorruptionEvaluation.Row row = rows.get(i);
            int y = CAPTION + GAP + i * cellH;
            g.setColor(Color.BLACK);
            g.drawString(row.corruption().id(), 4, y + cellH - 6);
            cell(g, LABEL, y, cellW, cellH, r.cleanError(), max);
            double[] e = row.errors();
            for (int k = 0; k < e.length; k++) {
                cell(g, LABEL + (k + 1) * cellW, y, cellW, cellH, e[k], max);
            }
            g.setColor(Color.BLACK);
            double ce = row.corruptionError();
            g.drawString(Double.isFinite(ce) ? String.format(Locale.ROOT, "%.2f", ce) : "-",
                    LABEL + (sev.length + 1) * cellW + 4 + GAP, y + cellH - 6);
        }
        int y = CAPTION + GAP + rows.size() * cellH;
        g.drawString(String.format(Locale.ROOT, "top-1 error, 0 to %.2f; mCE %s", max,
                Double.isFinite(r.meanCorruptionError()) ? String.format(Locale.ROOT, "%.3f",
                        r.meanCorruptionError()) : "-"), 4, y + cellH - 6);
        g.dispose();
        return out;
    }

    private static void cell(Graphics2D g, int x, int y, int w, int h, double error, double max) {
        double t = max > 0 ? error / max : 0;
        g.setColor(new Color(ColourMaps.sequential(t)));
        g.fillRect(x, y, w - 1, h - 1);
        g.setColor(t > 0.6 ? Color.BLACK : Color.WHITE);
        g.drawString(String.format(Locale.ROOT, "%.3f", error), x + 6, y + h - 6);
    }

    private static int[] predict(Classifier model, Images images) {
        return model.predict(Nd4j.create(images.pixels(), model.inputSpec().shape(images.count()), 'c'));
    }

    private static BufferedImage canvas(int w, int h) {
        return new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    }

    private static Graphics2D graphics(BufferedImage out) {
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        return g;
    }
}
