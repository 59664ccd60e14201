package org.advlens.saliency.faithfulness;

import java.util.List;
import java.util.Map;

/**
 * A faithfulness table: one row per method plus the random-order row, over the same images.
 *
 * @param rows the methods' rows in the order asked, then {@link MethodScores#RANDOM_ORDER}
 * @param images how many images were evaluated
 * @param targets the class explained for each image (the model's prediction)
 * @param options the settings
 * @param methodParameters per method, its settings, for provenance
 * @param seconds wall-clock time
 */
public record FaithfulnessResult(List<MethodScores> rows, int images, int[] targets, FaithfulnessOptions options,
                                 Map<String, Map<String, Object>> methodParameters, double seconds) {

    public FaithfulnessResult {
        if (rows == null || rows.isEmpty()) {
            throw new IllegalArgumentException("a faithfulness table needs at least one row");
        }
        if (images < 1 || targets == null || targets.length != images) {
            throw new IllegalArgumentException("expected " + images + " targets for " + images + " images, got "
                    + (targets == null ? "null" : targets.length));
        }
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        rows = List.copyOf(rows);
        targets = targets.clone();
        methodParameters = methodParameters == null ? Map.of() : Map.copyOf(methodParameters);
    }

    /** The row of {@code method}. */
    public MethodScores row(String method) {
        return rows.stream().filter(r -> r.method().equals(method)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row for '" + method + "' in "
                        + rows.stream().map(MethodScores::method).toList()));
    }

    @Override
    public int[] targets() {
        return targets.clone();
    }
}
