package org.advlens.app.robustness;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.advlens.eval.calibration.CalibrationEvaluation;

/**
 * The calibration form: bins, the fraction that fits the temperature, the target risk, batch, images and seed.
 * {@link #errorProperty()} is empty when {@link #options()} and {@link #limit()} would succeed.
 */
public final class CalibrationSettings {

    private final StringProperty bins = new SimpleStringProperty(this, "bins", "15");
    private final StringProperty fraction = new SimpleStringProperty(this, "fraction", "0.5");
    private final StringProperty risk = new SimpleStringProperty(this, "risk", "0.02");
    private final StringProperty batch = new SimpleStringProperty(this, "batch", "250");
    private final StringProperty limit = new SimpleStringProperty(this, "limit", "1000");
    private final StringProperty seed = new SimpleStringProperty(this, "seed", "0");
    private final StringBinding error;

    public CalibrationSettings() {
        error = Bindings.createStringBinding(() -> Fields.problem(() -> {
            options();
            if (limit() < 2) {
                throw new IllegalArgumentException("limit must be at least 2 images: one to fit, one to measure");
            }
        }), bins, fraction, risk, batch, limit, seed);
    }

    /**
     * The evaluation's options.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public CalibrationEvaluation.Options options() {
        return new CalibrationEvaluation.Options(Fields.whole("bins", bins.get(), 1, 10_000),
                Fields.number("calibration fraction", fraction.get()), Fields.seed(seed.get()),
                Fields.number("target risk", risk.get()), Fields.whole("batch", batch.get(), 1, 100_000), null);
    }

    public int limit() {
        return Fields.whole("limit", limit.get(), 1, 1_000_000);
    }

    public StringProperty binsProperty() {
        return bins;
    }

    public StringProperty fractionProperty() {
        return fraction;
    }

    public StringProperty riskProperty() {
        return risk;
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
