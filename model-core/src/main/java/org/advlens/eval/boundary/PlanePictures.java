package org.advlens.eval.boundary;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Pictures of decision planes: the predicted class as a colour, its confidence as brightness, boundary cells
 * dark, and markers for the image (circle), the adversarial example (cross) and the epsilon ball's outline.
 * Plain AWT, so the command line and any front end paint the same cells.
 */
public final class PlanePictures {

    /** Ten distinct class colours (the Tableau 10 palette); classes past ten reuse them. */
    private static final int[] PALETTE = {
        0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F, 0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F, 0xBAB0AC};

    private static final int BOUNDARY = 0xFF202020;

    private PlanePictures() {
    }

    /** The opaque RGB colour of class {@code k}. */
    public static int classColour(int k) {
        return 0xFF000000 | PALETTE[Math.floorMod(k, PALETTE.length)];
    }

    /**
     * The colour of one cell: the class colour scaled from 35% brightness (chance confidence) to 100% (certain).
     */
    public static int cellColour(int predicted, double confidence, int classes) {
        double chance = 1.0 / Math.max(2, classes);
        double t = Math.max(0, Math.min(1, (confidence - chance) / (1 - chance)));
        double f = 0.35 + 0.65 * t;
        int rgb = classColour(predicted);
        int r = (int) Math.round(((rgb >> 16) & 0xFF) * f);
        int g = (int) Math.round(((rgb >> 8) & 0xFF) * f);
        int b = (int) Math.round((rgb & 0xFF) * f);
        return 0xFF000000 | (r << 16) | (g << 8) | b;
    }

    /**
     * ARGB colours of the cells, row-major with row 0 at the TOP (largest {@code b}), as a picture is drawn; cells
     * on a boundary are dark.
     */
    public static int[] cellColours(PlaneResult r) {
        int n = r.resolution();
        int[] out = new int[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                int colour = r.isBoundary(i, j) ? BOUNDARY
                        : cellColour(r.predictedAt(i, j), r.confidenceAt(i, j), r.numClasses());
                out[(n - 1 - j) * n + i] = colour;
            }
        }
        return out;
    }

    /**
     * One plane as a picture {@code side} pixels square plus a title line and a class legend.
     */
    public static BufferedImage render(PlaneResult r, int side) {
        if (side < 32) {
            throw new IllegalArgumentException("side must be at least 32 pixels, got " + side);
        }
        int titleHeight = 36;
        int legendRows = (r.numClasses() + 1) / 2;
        int legendHeight = 18 * legendRows + 8;
        BufferedImage out = new BufferedImage(side, titleHeight + side + legendHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            int n = r.resolution();
            BufferedImage cells = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
            cells.setRGB(0, 0, n, n, cellColours(r), 0, n);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(cells, 0, titleHeight, side, side, null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            drawMarkers(g, r, 0, titleHeight, side);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(r.modelName(), 4, 15);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString(String.format(Locale.ROOT, "u: %s   v: %s   extent +-%.2f (L2)", r.plane().uLabel(),
                    r.plane().vLabel(), r.spec().extentA()), 4, 30);
            List<String> names = r.classNames();
            for (int k = 0; k < names.size(); k++) {
                int x = 6 + (k % 2) * (side / 2);
                int y = titleHeight + side + 6 + (k / 2) * 18;
                g.setColor(new Color(classColour(k)));
                g.fillRect(x, y, 12, 12);
                g.setColor(Color.BLACK);
                g.drawString(names.get(k) + (k == r.originalClass() ? " (image)" : ""), x + 17, y + 11);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Pictures side by side with a gap, top-aligned. */
    public static BufferedImage sideBySide(List<BufferedImage> pictures) {
        if (pictures.isEmpty()) {
            throw new IllegalArgumentException("at least one picture is required");
        }
        int gap = 16;
        int width = pictures.stream().mapToInt(BufferedImage::getWidth).sum() + gap * (pictures.size() - 1);
        int height = pictures.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int x = 0;
            for (BufferedImage p : pictures) {
                g.drawImage(p, x, 0, null);
                x += p.getWidth() + gap;
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The ball outline (white dashed), the image (white circle) and the adversarial example (white cross). */
    private static void drawMarkers(Graphics2D g, PlaneResult r, int left, int top, int side) {
        PlaneSpec s = r.spec();
        double[][] outline = r.plane().ballOutline(360);
        Path2D.Double path = new Path2D.Double();
        for (int k = 0; k < outline.length; k++) {
            double px = toX(outline[k][0], s, left, side);
            double py = toY(outline[k][1], s, top, side);
            if (k == 0) {
                path.moveTo(px, py);
            } else {
                path.lineTo(px, py);
            }
        }
        path.closePath();
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {5, 4}, 0));
        g.draw(path);
        g.setStroke(new BasicStroke(2f));
        double ox = toX(0, s, left, side);
        double oy = toY(0, s, top, side);
        g.drawOval((int) Math.round(ox - 5), (int) Math.round(oy - 5), 10, 10);
        double[] adv = r.plane().adversarial();
        if (adv != null) {
            double ax = toX(adv[0], s, left, side);
            double ay = toY(adv[1], s, top, side);
            g.drawLine((int) (ax - 6), (int) (ay - 6), (int) (ax + 6), (int) (ay + 6));
            g.drawLine((int) (ax - 6), (int) (ay + 6), (int) (ax + 6), (int) (ay - 6));
        }
    }

    /** Picture x of plane coordinate {@code a}: cell centres span the picture. */
    public static double toX(double a, PlaneSpec s, double left, double side) {
        double cell = side / s.resolution();
        return left + cell / 2 + (a + s.extentA()) / (2 * s.extentA()) * (side - cell);
    }

    /** Picture y of plane coordinate {@code b}: larger {@code b} is higher. */
    public static double toY(double b, PlaneSpec s, double top, double side) {
        double cell = side / s.resolution();
        return top + cell / 2 + (s.extentB() - b) / (2 * s.extentB()) * (side - cell);
    }
}
