import java.awt.*;
import java.awt.geom.*;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/** Draws advlens.png: a stylised lens with a red-white-blue diverging ring. Run: java MakeIcon.java */
public class MakeIcon {
    public static void main(String[] args) throws Exception {
        int s = 256;
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        // Background: dark slate rounded square.
        g.setPaint(new GradientPaint(0, 0, new Color(0x2b3440), 0, s, new Color(0x161b22)));
        g.fill(new RoundRectangle2D.Double(8, 8, s - 16, s - 16, 56, 56));
        double c = s / 2.0, rOuter = 96, rInner = 70;
        // Diverging ring: blue -> white -> red around the circle, drawn as thin wedges.
        int steps = 360;
        for (int i = 0; i < steps; i++) {
            double t = i / (double) steps;               // 0..1 around the ring
            double v = Math.cos(2 * Math.PI * t);        // -1..1, smooth and continuous
            g.setColor(diverging(v));
            Area wedge = new Area(new Arc2D.Double(c - rOuter, c - rOuter, 2 * rOuter, 2 * rOuter,
                    90 - 360.0 * i / steps + 0.6, -(360.0 / steps) - 1.2, Arc2D.PIE));
            wedge.subtract(new Area(new Ellipse2D.Double(c - rInner, c - rInner, 2 * rInner, 2 * rInner)));
            g.fill(wedge);
        }
        // Lens glass.
        g.setPaint(new RadialGradientPaint(new Point2D.Double(c - 18, c - 18), (float) rInner,
                new float[] {0f, 1f}, new Color[] {new Color(0x3d5a80), new Color(0x0e1726)}));
        g.fill(new Ellipse2D.Double(c - rInner + 3, c - rInner + 3, 2 * rInner - 6, 2 * rInner - 6));
        // Pupil.
        g.setColor(new Color(0x05080d));
        g.fill(new Ellipse2D.Double(c - 26, c - 26, 52, 52));
        // Highlight.
        g.setColor(new Color(255, 255, 255, 200));
        g.fill(new Ellipse2D.Double(c - 40, c - 44, 22, 16));
        g.setColor(new Color(255, 255, 255, 90));
        g.setStroke(new BasicStroke(5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Arc2D.Double(c - rInner + 12, c - rInner + 12, 2 * rInner - 24, 2 * rInner - 24, 200, 50, Arc2D.OPEN));
        g.dispose();
        ImageIO.write(img, "png", new File(args.length > 0 ? args[0] : "advlens.png"));
    }

    /** v in [-1, 1]: -1 blue, 0 near white, +1 red (RdBu-like). */
    static Color diverging(double v) {
        Color blue = new Color(0x2166ac), white = new Color(0xf7f7f7), red = new Color(0xb2182b);
        Color a = white, b = v < 0 ? blue : red;
        double t = Math.abs(v);
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }
}
