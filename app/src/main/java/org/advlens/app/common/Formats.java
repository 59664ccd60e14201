package org.advlens.app.common;

import java.util.Locale;

/** Number formats shared by the views: percentages and short decimals, independent of the locale. */
public final class Formats {

    private Formats() {
    }

    /** "93.2 %", or "<0.1 %" for tiny positive values. */
    public static String percent(double p) {
        if (p > 0 && p < 0.001) {
            return "<0.1 %";
        }
        return String.format(Locale.ROOT, "%.1f %%", p * 100);
    }

    /** A short decimal without trailing zeros: 0.1, 0.025, 2.5 (at most four decimals). */
    public static String decimal(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
