package org.advlens.app.curves;

import java.util.Arrays;

/** Parses the epsilons of a curve from a range (from, to, count) or a comma-separated list. */
public final class EpsilonList {

    /** The most epsilons one curve may have. */
    public static final int MAX_COUNT = 100;

    private EpsilonList() {
    }

    /**
     * {@code count} evenly spaced values from {@code from} to {@code to}, both included.
     *
     * @throws IllegalArgumentException naming the field that is wrong and its value
     */
    public static double[] range(String from, String to, String count) {
        double a = number("from", from);
        double b = number("to", to);
        int n;
        try {
            n = Integer.parseInt(count.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("count must be a whole number, got '" + count + "'");
        }
        if (n < 1 || n > MAX_COUNT) {
            throw new IllegalArgumentException("count must be in [1, " + MAX_COUNT + "], got " + n);
        }
        if (b < a) {
            throw new IllegalArgumentException("'to' (" + to.strip() + ") must not be below 'from' (" + from.strip() + ")");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = n == 1 ? b : round(a + (b - a) * i / (n - 1));
        }
        return out;
    }

    /**
     * Values separated by commas, semicolons or spaces, e.g. {@code "0, 0.05, 0.1"}; sorted, duplicates removed.
     *
     * @throws IllegalArgumentException naming the value that is wrong
     */
    public static double[] list(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("give at least one epsilon, e.g. 0, 0.05, 0.1");
        }
        double[] values = Arrays.stream(text.strip().split("[,;\\s]+")).filter(s -> !s.isBlank())
                .mapToDouble(s -> number("epsilon", s)).sorted().distinct().toArray();
        if (values.length > MAX_COUNT) {
            throw new IllegalArgumentException("at most " + MAX_COUNT + " epsilons, got " + values.length);
        }
        return values;
    }

    private static double number(String field, String text) {
        try {
            double v = Double.parseDouble(text.strip());
            if (!(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(field + " must be a number ≥ 0, got '" + text.strip() + "'");
            }
            return v;
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(field + " must be a number ≥ 0, got '" + text + "'");
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e9) / 1e9;
    }

    /** "0, 0.05, 0.1" */
    public static String format(double[] values) {
        StringBuilder b = new StringBuilder();
        for (double v : values) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(org.advlens.app.common.Formats.decimal(v));
        }
        return b.toString();
    }
}
