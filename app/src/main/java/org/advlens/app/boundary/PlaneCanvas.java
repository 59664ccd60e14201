package org.advlens.app.boundary;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.advlens.eval.boundary.PlanePictures;
import org.advlens.eval.boundary.PlaneResult;
import org.advlens.eval.boundary.PlaneSpec;

/** Paints one plane: the cells, the epsilon ball's outline, the image (circle) and the adversarial example (cross). */
final class PlaneCanvas extends Canvas {

    private PlaneResult shown;

    PlaneCanvas(double side) {
        super(side, side);
        clear();
    }

    /** The cell under the canvas point, or {@code null} outside the plane or before any result. */
    int[] cellAt(double px, double py) {
        if (shown == null) {
            return null;
        }
        int n = shown.resolution();
        int i = (int) Math.floor(px / getWidth() * n);
        int row = (int) Math.floor(py / getHeight() * n);
        if (i < 0 || row < 0 || i >= n || row >= n) {
            return null;
        }
        return new int[] {i, n - 1 - row};
    }

    boolean painted() {
        return shown != null;
    }

    void paint(PlaneResult r) {
        shown = r;
        if (r == null) {
            clear();
            return;
        }
        int n = r.resolution();
        WritableImage cells = new WritableImage(n, n);
        cells.getPixelWriter().setPixels(0, 0, n, n, PixelFormat.getIntArgbInstance(), PlanePictures.cellColours(r),
                0, n);
        GraphicsContext g = getGraphicsContext2D();
        double side = getWidth();
        g.setImageSmoothing(false);
        g.drawImage(cells, 0, 0, side, side);
        PlaneSpec s = r.spec();
        double[][] outline = r.plane().ballOutline(180);
        double[] xs = new double[outline.length];
        double[] ys = new double[outline.length];
        for (int k = 0; k < outline.length; k++) {
            xs[k] = PlanePictures.toX(outline[k][0], s, 0, side);
            ys[k] = PlanePictures.toY(outline[k][1], s, 0, side);
        }
        g.setStroke(Color.WHITE);
        g.setLineWidth(1.5);
        g.setLineDashes(5, 4);
        g.strokePolygon(xs, ys, xs.length);
        g.setLineDashes();
        g.setLineWidth(2);
        double ox = PlanePictures.toX(0, s, 0, side);
        double oy = PlanePictures.toY(0, s, 0, side);
        g.strokeOval(ox - 5, oy - 5, 10, 10);
        double[] adv = r.plane().adversarial();
        if (adv != null) {
            double ax = PlanePictures.toX(adv[0], s, 0, side);
            double ay = PlanePictures.toY(adv[1], s, 0, side);
            g.strokeLine(ax - 6, ay - 6, ax + 6, ay + 6);
            g.strokeLine(ax - 6, ay + 6, ax + 6, ay - 6);
        }
    }

    private void clear() {
        GraphicsContext g = getGraphicsContext2D();
        g.setFill(Color.gray(0.85));
        g.fillRect(0, 0, getWidth(), getHeight());
    }
}
