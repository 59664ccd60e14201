package org.advlens.report;

import org.advlens.eval.CurveResult;
import org.advlens.provenance.Provenance;

/**
 * A robustness curve read back from a {@code curve.json} file, with the provenance it was written with.
 * The model in {@link CurveResult#model()} carries what the file records (name, source, hash, format, input,
 * classes); its parameter count and layer list are not part of the format and read as 0 and empty.
 *
 * @param result the curves, flags and per-example correctness
 * @param provenance version, time and machine of the run that wrote the file
 */
public record SavedCurve(CurveResult result, Provenance provenance) {

    public SavedCurve {
        if (result == null || provenance == null) {
            throw new IllegalArgumentException("a saved curve needs its result and its provenance");
        }
    }
}
