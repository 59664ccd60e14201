package org.advlens.app.robustness;

import java.time.Instant;
import org.advlens.data.LabelledDataset;
import org.advlens.model.ModelInfo;

/**
 * A finished evaluation with what it ran on, for the view and for export.
 *
 * @param result the engine's result
 * @param model the evaluated model
 * @param dataName the data set's name
 * @param dataSource where the data came from
 * @param size images evaluated
 * @param seconds how long it ran
 * @param created when it finished
 * @param <R> the engine's result type
 */
public record Finished<R>(R result, ModelInfo model, String dataName, String dataSource, int size, double seconds,
                          Instant created) {

    public Finished {
        if (result == null || model == null) {
            throw new IllegalArgumentException("a finished evaluation needs its result and model");
        }
    }

    static <R> Finished<R> of(R result, ModelInfo model, LabelledDataset data, long startNanos) {
        return new Finished<>(result, model, data.name(), data.source(), data.size(),
                (System.nanoTime() - startNanos) / 1e9, Instant.now());
    }
}
