package org.advlens.report.html;

import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** Small helpers for writing HTML by hand: escaping, numbers, tables and embedded pictures. */
final class Html {

    private Html() {
    }

    /** Text with {@code & < > " '} escaped, safe in element content and quoted attributes. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A fraction as a percentage with one decimal, or a dash when not finite. */
    static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f%%", 100 * fraction) : "&ndash;";
    }

    /** A number with four significant digits, or a dash when not finite. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.isInfinite(v) ? "&infin;" : "&ndash;";
        }
        if (v == 0) {
            return "0";
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
    }

    /** A table; cells are HTML already escaped by the caller. */
    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("<table>\n<thead><tr>");
        for (String h : header) {
            b.append("<th>").append(h).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            b.append("<tr>");
            for (String cell : row) {
                b.append("<td>").append(cell).append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table>\n").toString();
    }

    /** An {@code img} element holding PNG bytes as a data URI. */
    static String png(byte[] png, String alt) {
        return "<img alt=\"" + escape(alt) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\">";
    }
}
