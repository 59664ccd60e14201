package org.advlens.eval;

import java.time.Instant;
import java.util.List;
import org.advlens.model.ModelInfo;

/**
 * A finished (or cancelled-and-partial) robustness evaluation with its provenance.
 *
 * @param model the classifier evaluated
 * @param dataName the data set's name
 * @param dataSource where the data came from
 * @param size number of examples evaluated
 * @param cleanAccuracy accuracy without attack
 * @param cleanCorrect per example, in data order: correct without attack
 * @param curves one curve per attack
 * @param flags gradient-masking warnings
 * @param created when the evaluation finished
 */
public record CurveResult(ModelInfo model, String dataName, String dataSource, int size, double cleanAccuracy,
                          boolean[] cleanCorrect, List<AttackCurve> curves, List<MaskingFlag> flags, Instant created) {

    public CurveResult {
        curves = List.copyOf(curves);
        flags = List.copyOf(flags);
        cleanCorrect = cleanCorrect.clone();
    }

    @Override
    public boolean[] cleanCorrect() {
        return cleanCorrect.clone();
    }
}
