package org.advlens.app.compare;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.advlens.eval.compare.TransferMatrix;
import org.advlens.render.ColourMaps;

/**
 * The transfer matrix as a heatmap: one row per model the examples were crafted on, one column per model that
 * classified them, each cell coloured by accuracy (viridis, 0 to 1) with its value written in it; a last column
 * gives each model's clean accuracy.
 */
final class MatrixCanvas extends Canvas {

    private static final double LEFT = 200;
    private static final double TOP = 58;
    private TransferMatrix.Result result;

    MatrixCanvas() {
        super(600, 290);
        widthProperty().addListener(o -> draw());
        heightProperty().addListener(o -> draw());
        draw();
    }

    void show(TransferMatrix.Result r) {
        this.result = r;
        draw();
    }

    @Override
    public boolean isResizable() {
        return true;
    }

    @Override
    public double prefWidth(double height) {
        return 600;
    }

    @Override
    public double prefHeight(double width) {
        return 290;
    }

    private void draw() {
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        g.setTextBaseline(VPos.CENTER);
        g.setFill(Color.GRAY);
        g.setFont(Font.font(13));
        if (result == null) {
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("Add models and run to see the transfer matrix", getWidth() / 2, getHeight() / 2);
            return;
        }
        int m = result.size();
        double cell = Math.max(24, Math.min((getWidth() - LEFT - 20) / (m + 1), (getHeight() - TOP - 30) / m));
        g.setTextAlign(TextAlignment.CENTER);
        g.setFill(Color.DIMGRAY);
        g.fillText(String.format(Locale.ROOT, "%s at ε %s on %d images: accuracy of the column's model",
                result.attack().toUpperCase(Locale.ROOT), result.epsilon(), result.count()),
                LEFT + cell * (m + 1) / 2, 12);
        for (int t = 0; t < m; t++) {
            g.fillText("[" + t + "]", LEFT + (t + 0.5) * cell, TOP - 12);
        }
        g.fillText("clean", LEFT + (m + 0.5) * cell, TOP - 12);
        g.fillText("evaluated on →", LEFT + cell * m / 2, TOP - 30);
        for (int s = 0; s < m; s++) {
            g.setTextAlign(TextAlignment.RIGHT);
            g.setFill(Color.DIMGRAY);
            g.fillText(shortName(s), LEFT - 8, TOP + (s + 0.5) * cell);
            for (int t = 0; t <= m; t++) {
                double v = t < m ? result.accuracy(s, t) : result.cleanAccuracy(s);
                int argb = ColourMaps.sequential(v);
                Color c = Color.rgb(argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF);
                double x = LEFT + t * cell + (t == m ? 6 : 0);
                g.setFill(c);
                g.fillRect(x, TOP + s * cell, cell - 2, cell - 2);
                if (t == s) {
                    g.setStroke(Color.WHITE);
                    g.setLineWidth(2);
                    g.strokeRect(x + 2, TOP + s * cell + 2, cell - 6, cell - 6);
                }
                g.setTextAlign(TextAlignment.CENTER);
                g.setFill(c.getBrightness() > 0.6 && c.getGreen() > 0.6 ? Color.BLACK : Color.WHITE);
                g.fillText(String.format(Locale.ROOT, "%.2f", v), x + cell / 2 - 1, TOP + (s + 0.5) * cell);
            }
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(Color.DIMGRAY);
        g.fillText("rows: crafted on; outlined: white-box", 8, TOP + m * cell + 14);
    }

    private String shortName(int i) {
        String name = result.models().get(i).name();
        String s = "[" + i + "] " + name.replace("Fashion-MNIST CNN", "CNN");
        return s.length() > 28 ? s.substring(0, 27) + "…" : s;
    }
}
