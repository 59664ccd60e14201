package org.advlens.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.advlens.eval.AttackCurve;
import org.advlens.eval.CurvePoint;
import org.advlens.eval.CurveResult;
import org.advlens.io.AtomicFiles;

/**
 * Robustness curves as CSV for spreadsheets and plotting scripts: a header line, then one row per attack and
 * epsilon with the columns {@value #HEADER}. Numbers use a dot as decimal separator whatever the locale.
 */
public final class CurveCsv {

    /** The header line. */
    public static final String HEADER = "attack,norm,eps,accuracy,success_rate,mean_l2,mean_linf";

    private CurveCsv() {
    }

    public static String toCsv(CurveResult result) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (AttackCurve c : result.curves()) {
            for (CurvePoint p : c.points()) {
                sb.append(c.attack()).append(',')
                        .append(c.params().norm().label()).append(',')
                        .append(p.epsilon()).append(',')
                        .append(p.accuracy()).append(',')
                        .append(p.successRate()).append(',')
                        .append(p.meanL2()).append(',')
                        .append(p.meanLinf()).append('\n');
            }
        }
        return sb.toString();
    }

    /** Writes the CSV to {@code file}, creating its folder if needed. */
    public static void write(CurveResult result, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.writeString(file, toCsv(result));
    }
}
