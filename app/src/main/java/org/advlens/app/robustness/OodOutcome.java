package org.advlens.app.robustness;

import java.util.List;
import org.advlens.eval.ood.OodEvaluation;

/**
 * An OOD evaluation with where its sets came from.
 *
 * @param evaluation the engine's result
 * @param sources one per OOD set, in the result's order: "built-in from ..." or the file's path
 * @param seed the seed the built-in sets were drawn with
 */
public record OodOutcome(OodEvaluation.Result evaluation, List<String> sources, long seed) {

    public OodOutcome {
        if (evaluation == null) {
            throw new IllegalArgumentException("an OOD outcome needs its evaluation");
        }
        sources = List.copyOf(sources);
    }
}
