package org.advlens.app.counterfactual;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.advlens.counterfactual.Autoencoder;
import org.advlens.counterfactual.CounterfactualMethod;
import org.advlens.counterfactual.LatentCounterfactual;
import org.advlens.counterfactual.PixelCounterfactual;

/**
 * The counterfactual search's settings as properties, with validation: the target class, the kind (pixel space,
 * on the data manifold through the bundled autoencoder, or both), the confidence to reach, the pixel search's
 * L1, L2 and total-variation weights, the latent search's own confidence, code weight and target-class prototype
 * (weight and neighbours), and the number of steps.
 */
public final class CounterfactualSettings {

    /** Where the search moves: pixels, the autoencoder's code, or both one after the other. */
    public enum Kind {
        PIXEL("Pixel space"), LATENT("On-manifold (autoencoder)"), BOTH("Both");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean needsAutoencoder() {
            return this != PIXEL;
        }
    }

    private final ObjectProperty<Integer> targetClass = new SimpleObjectProperty<>(this, "targetClass", 0);
    private final ObservableList<String> classNames = FXCollections.observableArrayList();
    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(this, "kind", Kind.PIXEL);
    private final StringProperty confidence = new SimpleStringProperty(this, "confidence", "0.9");
    private final StringProperty l1 = new SimpleStringProperty(this, "l1", "0.002");
    private final StringProperty l2 = new SimpleStringProperty(this, "l2", "0.02");
    private final StringProperty tv = new SimpleStringProperty(this, "tv", "0.02");
    private final StringProperty latentWeight = new SimpleStringProperty(this, "latentWeight",
            plain(LatentCounterfactual.DEFAULT_LATENT_WEIGHT));
    private final StringProperty latentConfidence = new SimpleStringProperty(this, "latentConfidence",
            plain(LatentCounterfactual.DEFAULT_CONFIDENCE));
    private final StringProperty prototypeWeight = new SimpleStringProperty(this, "prototypeWeight",
            plain(LatentCounterfactual.DEFAULT_PROTOTYPE_WEIGHT));
    private final ObjectProperty<Integer> prototypeNeighbours = new SimpleObjectProperty<>(this,
            "prototypeNeighbours", LatentCounterfactual.DEFAULT_PROTOTYPE_NEIGHBOURS);
    private final ObjectProperty<Integer> steps = new SimpleObjectProperty<>(this, "steps", 400);
    private final StringBinding error;

    public CounterfactualSettings() {
        error = Bindings.createStringBinding(this::validate, targetClass, classNames, kind, confidence, l1, l2, tv,
                latentWeight, latentConfidence, prototypeWeight, prototypeNeighbours, steps);
    }

    /** Follows a newly loaded model: its classes become the target choices. */
    public void useClasses(List<String> names) {
        classNames.setAll(names);
        if (targetClass.get() == null || targetClass.get() >= names.size()) {
            targetClass.set(0);
        }
    }

    public PixelCounterfactual.Options pixelOptions() {
        return PixelCounterfactual.Options.defaults().withConfidence(number(confidence)).withWeights(number(l1),
                number(l2), number(tv)).withMaxSteps(steps.get());
    }

    public LatentCounterfactual.Options latentOptions() {
        return LatentCounterfactual.Options.defaults().withConfidence(number(latentConfidence))
                .withLatentWeight(number(latentWeight)).withPrototypeWeight(number(prototypeWeight))
                .withPrototypeNeighbours(prototypeNeighbours.get()).withMaxSteps(steps.get());
    }

    /**
     * The methods to run.
     *
     * @param autoencoder the generative model for on-manifold search; only needed when {@link Kind#needsAutoencoder}
     */
    public List<CounterfactualMethod> methods(Autoencoder autoencoder) {
        String problem = validate();
        if (!problem.isEmpty()) {
            throw new IllegalArgumentException(problem);
        }
        List<CounterfactualMethod> out = new ArrayList<>();
        if (kind.get() != Kind.LATENT) {
            out.add(new PixelCounterfactual(pixelOptions()));
        }
        if (kind.get().needsAutoencoder()) {
            if (autoencoder == null) {
                throw new IllegalArgumentException("on-manifold counterfactuals need a generative model of the"
                        + " model's data; the bundled autoencoder fits only 28x28 grey Fashion-MNIST models");
            }
            out.add(new LatentCounterfactual(autoencoder, latentOptions()));
        }
        return out;
    }

    /** {@code 10} rather than {@code 10.0}, as a person would type it. */
    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static double number(StringProperty p) {
        return Double.parseDouble(p.get().strip());
    }

    private String validate() {
        if (classNames.isEmpty() || targetClass.get() == null || targetClass.get() < 0
                || targetClass.get() >= classNames.size()) {
            return "choose a target class";
        }
        if (steps.get() == null) {
            return "steps must be a whole number";
        }
        if (prototypeNeighbours.get() == null) {
            return "prototype neighbours must be a whole number";
        }
        for (StringProperty p : List.of(confidence, l1, l2, tv, latentWeight, latentConfidence, prototypeWeight)) {
            try {
                number(p);
            } catch (NumberFormatException | NullPointerException e) {
                return p.getName() + " must be a number, got '" + p.get() + "'";
            }
        }
        try {
            pixelOptions();
            latentOptions();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    public ObjectProperty<Integer> targetClassProperty() {
        return targetClass;
    }

    public ObservableList<String> classNames() {
        return classNames;
    }

    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    public StringProperty confidenceProperty() {
        return confidence;
    }

    public StringProperty l1Property() {
        return l1;
    }

    public StringProperty l2Property() {
        return l2;
    }

    public StringProperty tvProperty() {
        return tv;
    }

    public StringProperty latentWeightProperty() {
        return latentWeight;
    }

    public StringProperty latentConfidenceProperty() {
        return latentConfidence;
    }

    public StringProperty prototypeWeightProperty() {
        return prototypeWeight;
    }

    public ObjectProperty<Integer> prototypeNeighboursProperty() {
        return prototypeNeighbours;
    }

    public ObjectProperty<Integer> stepsProperty() {
        return steps;
    }

    /** What is wrong with the settings, or an empty string. */
    public StringBinding errorProperty() {
        return error;
    }
}
