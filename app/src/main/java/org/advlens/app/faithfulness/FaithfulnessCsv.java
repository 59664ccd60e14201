package org.advlens.app.faithfulness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.advlens.io.AtomicFiles;
import org.advlens.saliency.faithfulness.FaithfulnessMetric;
import org.advlens.saliency.faithfulness.MethodScores;

/**
 * Faithfulness tables as long-format CSV: one row per model, method, image and measure, with the class explained
 * and whether a higher value is better, so that any spreadsheet or data-frame library can pivot and plot it.
 * Columns: {@code model,method,image,target,metric,value,higher_is_better}. Fields holding a comma, a quote or a
 * line break are quoted (RFC 4180).
 */
public final class FaithfulnessCsv {

    /** The header line. */
    public static final String HEADER = "model,method,image,target,metric,value,higher_is_better";

    private FaithfulnessCsv() {
    }

    /** The whole comparison as CSV text, ending with a line break. */
    public static String of(FaithfulnessComparison comparison) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (ModelFaithfulness m : comparison.models()) {
            int[] targets = m.result().targets();
            for (MethodScores row : m.result().rows()) {
                for (FaithfulnessMetric metric : FaithfulnessMetric.values()) {
                    double[] values = row.values(metric);
                    for (int i = 0; i < values.length; i++) {
                        sb.append(field(m.label())).append(',').append(field(row.method())).append(',').append(i)
                                .append(',').append(targets[i]).append(',').append(metric.key()).append(',')
                                .append(number(values[i])).append(',').append(metric.higherIsBetter()).append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Writes {@link #of} to {@code file}, replacing it in one step. */
    public static void write(FaithfulnessComparison comparison, Path file) throws IOException {
        AtomicFiles.writeString(file, of(comparison));
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "NaN";
    }

    private static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
