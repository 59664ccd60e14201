package org.advlens.report.html;

import java.util.List;
import java.util.Locale;

/**
 * Charts as inline SVG, written by hand so that a report needs no script, font or network resource: line charts
 * (robustness curves), bar charts (histograms) and the reliability diagram.
 */
final class SvgCharts {

    /** Line colours, distinguishable for colour-blind readers (Okabe and Ito, 2008). */
    static final List<String> PALETTE = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
            "#000000", "#F0E442");

    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 44;

    /** One line of a line chart. */
    record Series(String name, double[] x, double[] y, boolean dashed) {
        Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("x and y differ in length: " + x.length + " and " + y.length);
            }
            x = x.clone();
            y = y.clone();
        }
    }

    private SvgCharts() {
    }

    /** A line chart with markers; y runs from 0 to {@code yMax}, x from 0 to the largest x. */
    static String lineChart(List<Series> series, String xLabel, String yLabel, double yMax, int width, int height) {
        double xMax = series.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.x()))
                .filter(Double::isFinite).max().orElse(1);
        xMax = xMax > 0 ? xMax : 1;
        Frame f = new Frame(width, height, xMax, yMax);
        StringBuilder b = f.open(xLabel, yLabel);
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            String colour = PALETTE.get(k % PALETTE.size());
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.y()[i]) && Double.isFinite(s.x()[i])) {
                    points.append(fmt(f.px(s.x()[i]))).append(',').append(fmt(f.py(s.y()[i]))).append(' ');
                }
            }
            b.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\"")
                    .append(s.dashed() ? " stroke-dasharray=\"6 4\"" : "").append(" points=\"")
                    .append(points.toString().strip()).append("\"/>\n");
            if (!s.dashed()) {
                for (int i = 0; i < s.x().length; i++) {
                    if (Double.isFinite(s.y()[i])) {
                        b.append("<circle cx=\"").append(fmt(f.px(s.x()[i]))).append("\" cy=\"")
                                .append(fmt(f.py(s.y()[i]))).append("\" r=\"3\" fill=\"").append(colour)
                                .append("\"/>\n");
                    }
                }
            }
        }
        legend(b, f, series.stream().map(Series::name).toList(), series.stream().map(Series::dashed).toList());
        return b.append("</svg>\n").toString();
    }

    /** Bars over {@code edges} (one more edge than counts). */
    static String histogram(double[] edges, int[] counts, String xLabel, int width, int height) {
        int max = java.util.Arrays.stream(counts).max().orElse(1);
        Frame f = new Frame(width, height, edges[edges.length - 1], Math.max(1, max));
        f.xMin = edges[0];
        StringBuilder b = f.open(xLabel, "images");
        for (int i = 0; i < counts.length; i++) {
            double x0 = f.px(edges[i]);
            double x1 = f.px(edges[i + 1]);
            double y = f.py(counts[i]);
            b.append("<rect x=\"").append(fmt(x0 + 0.5)).append("\" y=\"").append(fmt(y)).append("\" width=\"")
                    .append(fmt(Math.max(0.5, x1 - x0 - 1))).append("\" height=\"").append(fmt(f.py(0) - y))
                    .append("\" fill=\"").append(PALETTE.get(0)).append("\"/>\n");
        }
        return b.append("</svg>\n").toString();
    }

    /**
     * A reliability diagram: per confidence bin, a bar at its accuracy over the bin's range, with the diagonal of
     * perfect calibration.
     */
    static String reliability(double[] lower, double[] upper, double[] accuracy, int[] counts, int width,
                              int height) {
        Frame f = new Frame(width, height, 1, 1);
        StringBuilder b = f.open("confidence", "accuracy");
        for (int i = 0; i < lower.length; i++) {
            if (counts[i] == 0) {
                continue;
            }
            double x0 = f.px(lower[i]);
            double x1 = f.px(upper[i]);
            double y = f.py(accuracy[i]);
            b.append("<rect x=\"").append(fmt(x0 + 0.5)).append("\" y=\"").append(fmt(y)).append("\" width=\"")
                    .append(fmt(Math.max(0.5, x1 - x0 - 1))).append("\" height=\"").append(fmt(f.py(0) - y))
                    .append("\" fill=\"").append(PALETTE.get(0)).append("\" fill-opacity=\"0.8\"/>\n");
        }
        b.append("<line x1=\"").append(fmt(f.px(0))).append("\" y1=\"").append(fmt(f.py(0))).append("\" x2=\"")
                .append(fmt(f.px(1))).append("\" y2=\"").append(fmt(f.py(1)))
                .append("\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>\n");
        return b.append("</svg>\n").toString();
    }

    private static void legend(StringBuilder b, Frame f, List<String> names, List<Boolean> dashed) {
        int longest = names.stream().mapToInt(String::length).max().orElse(0);
        double x = f.width - RIGHT - 36 - 6.2 * longest;
        double y = TOP + 8;
        b.append("<rect x=\"").append(fmt(x - 6)).append("\" y=\"").append(fmt(y - 10)).append("\" width=\"")
                .append(fmt(36 + 6.2 * longest)).append("\" height=\"").append(fmt(16.0 * names.size() + 4))
                .append("\" fill=\"#fff\" fill-opacity=\"0.85\"/>\n");
        for (int k = 0; k < names.size(); k++) {
            String colour = PALETTE.get(k % PALETTE.size());
            double ly = y + 16 * k;
            b.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(fmt(ly)).append("\" x2=\"")
                    .append(fmt(x + 22)).append("\" y2=\"").append(fmt(ly)).append("\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"2\"").append(dashed.get(k) ? " stroke-dasharray=\"6 4\"" : "")
                    .append("/>\n<text x=\"").append(fmt(x + 28)).append("\" y=\"").append(fmt(ly + 4))
                    .append("\">").append(Html.escape(names.get(k))).append("</text>\n");
        }
    }

    /** A tick label with three significant digits. */
    private static String tick(double v) {
        return v == 0 ? "0" : new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros()
                .toPlainString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** The plot area, its axes, ticks and labels. */
    private static final class Frame {
        final int width;
        final int height;
        final double xMax;
        final double yMax;
        double xMin;

        Frame(int width, int height, double xMax, double yMax) {
            this.width = width;
            this.height = height;
            this.xMax = xMax;
            this.yMax = yMax;
        }

        double px(double x) {
            return LEFT + (x - xMin) / (xMax - xMin) * (width - LEFT - RIGHT);
        }

        double py(double y) {
            return height - BOTTOM - y / yMax * (height - TOP - BOTTOM);
        }

        StringBuilder open(String xLabel, String yLabel) {
            StringBuilder b = new StringBuilder();
            b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"").append(width)
                    .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                    .append(height).append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
            b.append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height)
                    .append("\" fill=\"#fff\"/>\n");
            for (int i = 0; i <= 5; i++) {
                double yv = yMax * i / 5;
                double y = py(yv);
                b.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(fmt(y)).append("\" x2=\"")
                        .append(width - RIGHT).append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#e4e4e4\"/>\n");
                b.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(y + 4))
                        .append("\" text-anchor=\"end\">").append(tick(yv)).append("</text>\n");
                double xv = xMin + (xMax - xMin) * i / 5;
                double x = px(xv);
                b.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(fmt(py(0))).append("\" x2=\"")
                        .append(fmt(x)).append("\" y2=\"").append(fmt(py(0) + 4)).append("\" stroke=\"#444\"/>\n");
                b.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(py(0) + 16))
                        .append("\" text-anchor=\"middle\">").append(tick(xv)).append("</text>\n");
            }
            b.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(fmt(py(0))).append("\" x2=\"")
                    .append(width - RIGHT).append("\" y2=\"").append(fmt(py(0))).append("\" stroke=\"#444\"/>\n");
            b.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
                    .append("\" y2=\"").append(fmt(py(0))).append("\" stroke=\"#444\"/>\n");
            b.append("<text x=\"").append(fmt((LEFT + width - RIGHT) / 2.0)).append("\" y=\"").append(height - 8)
                    .append("\" text-anchor=\"middle\">").append(Html.escape(xLabel)).append("</text>\n");
            b.append("<text transform=\"translate(14,").append(fmt((TOP + py(0)) / 2)).append(") rotate(-90)\"")
                    .append(" text-anchor=\"middle\">").append(Html.escape(yLabel)).append("</text>\n");
            return b;
        }
    }
}
