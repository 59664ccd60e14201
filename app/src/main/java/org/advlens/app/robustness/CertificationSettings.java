package org.advlens.app.robustness;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.advlens.eval.RandomizedSmoothing;

/**
 * The certification form: the smoothing options as typed, the seed and the number of images.
 * {@link #errorProperty()} is empty when {@link #options()} would succeed.
 */
public final class CertificationSettings {

    private final StringProperty sigma = new SimpleStringProperty(this, "sigma", "0.25");
    private final StringProperty n0 = new SimpleStringProperty(this, "n0", "100");
    private final StringProperty n = new SimpleStringProperty(this, "n", "1000");
    private final StringProperty alpha = new SimpleStringProperty(this, "alpha", "0.001");
    private final StringProperty batch = new SimpleStringProperty(this, "batch", "1000");
    private final StringProperty limit = new SimpleStringProperty(this, "limit", "20");
    private final StringProperty seed = new SimpleStringProperty(this, "seed", "0");
    private final StringBinding error;

    public CertificationSettings() {
        error = Bindings.createStringBinding(() -> Fields.problem(() -> {
            options();
            limit();
            seed();
        }), sigma, n0, n, alpha, batch, limit, seed);
    }

    /**
     * The smoothing options.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public RandomizedSmoothing.Options options() {
        return new RandomizedSmoothing.Options(Fields.number("sigma", sigma.get()),
                Fields.whole("n0", n0.get(), 1, 10_000_000), Fields.whole("n", n.get(), 1, 10_000_000),
                Fields.number("alpha", alpha.get()), Fields.whole("batch", batch.get(), 1, 100_000));
    }

    public int limit() {
        return Fields.whole("limit", limit.get(), 1, 1_000_000);
    }

    public long seed() {
        return Fields.seed(seed.get());
    }

    public StringProperty sigmaProperty() {
        return sigma;
    }

    public StringProperty n0Property() {
        return n0;
    }

    public StringProperty nProperty() {
        return n;
    }

    public StringProperty alphaProperty() {
        return alpha;
    }

    public StringProperty batchProperty() {
        return batch;
    }

    public StringProperty limitProperty() {
        return limit;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    /** What is wrong with the form, or an empty string. */
    public StringBinding errorProperty() {
        return error;
    }
}
