package org.advlens.app.attack;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.advlens.attack.AttackParams;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.Norm;
import org.advlens.attack.catalog.Attacks;
import org.advlens.model.InputSpec;

/**
 * The attack and its parameters as properties, with validation. The epsilon has a slider value and a text
 * that follow each other: typing a valid number moves the slider, moving the slider rewrites the text.
 * Parameters the chosen attack does not use are disabled: steps and step size for single-step attacks,
 * restarts and seed for attacks without a random start.
 */
public final class AttackSettings {

    private final ObservableList<FixedEpsilonAttack> attacks = FXCollections.observableArrayList(Attacks.all());
    private final ObjectProperty<FixedEpsilonAttack> attack = new SimpleObjectProperty<>(this, "attack");
    private final ObjectProperty<Norm> norm = new SimpleObjectProperty<>(this, "norm", Norm.LINF);
    private final DoubleProperty epsilon = new SimpleDoubleProperty(this, "epsilon", 0.1);
    private final StringProperty epsilonText = new SimpleStringProperty(this, "epsilonText", "0.1");
    private final ReadOnlyStringWrapper epsilonError = new ReadOnlyStringWrapper(this, "epsilonError", "");
    private final ObjectProperty<Integer> steps = new SimpleObjectProperty<>(this, "steps", 20);
    private final StringProperty relativeStepSize = new SimpleStringProperty(this, "relativeStepSize", "");
    private final ObjectProperty<Integer> restarts = new SimpleObjectProperty<>(this, "restarts", 1);
    private final BooleanProperty targeted = new SimpleBooleanProperty(this, "targeted", false);
    private final ObjectProperty<Integer> targetClass = new SimpleObjectProperty<>(this, "targetClass", 0);
    private final StringProperty seed = new SimpleStringProperty(this, "seed", "0");
    private final ObjectProperty<InputSpec> input = new SimpleObjectProperty<>(this, "input");
    private final ObservableList<String> classNames = FXCollections.observableArrayList();
    private final BooleanBinding iterative;
    private final BooleanBinding randomised;
    private final DoubleBinding epsilonMax;
    private final StringBinding error;
    private boolean syncing;

    public AttackSettings() {
        iterative = Bindings.createBooleanBinding(() -> attack.get() != null && attack.get().iterative(), attack);
        randomised = Bindings.createBooleanBinding(() -> attack.get() != null && attack.get().randomised(), attack);
        epsilonMax = Bindings.createDoubleBinding(() -> epsilonMax(norm.get(), input.get()), norm, input);
        attack.addListener((o, before, now) -> applyDefaults(now));
        epsilon.addListener((o, a, v) -> {
            if (!syncing) {
                syncing = true;
                epsilonText.set(format(v.doubleValue()));
                epsilonError.set("");
                syncing = false;
            }
        });
        epsilonText.addListener((o, a, text) -> {
            if (!syncing) {
                syncing = true;
                parseEpsilon(text);
                syncing = false;
            }
        });
        norm.addListener((o, a, n) -> {
            if (epsilon.get() > epsilonMax.get()) {
                epsilon.set(defaultEpsilon(n, input.get()));
            }
        });
        error = Bindings.createStringBinding(this::validate, attack, norm, epsilon, epsilonError, steps,
                relativeStepSize, restarts, targeted, targetClass, seed, classNames);
        attack.set(attacks.isEmpty() ? null : attacks.get(0));
    }

    /** Follows a newly loaded model: its bounds set the epsilon range, its classes the target choices. */
    public void useModel(InputSpec spec, List<String> classes) {
        InputSpec old = input.get();
        input.set(spec);
        classNames.setAll(classes);
        if (targetClass.get() == null || targetClass.get() >= classes.size()) {
            targetClass.set(0);
        }
        if (old == null || old.range() != spec.range() || epsilon.get() > epsilonMax.get()) {
            epsilon.set(defaultEpsilon(norm.get(), spec));
        }
    }

    private void applyDefaults(FixedEpsilonAttack a) {
        if (a == null) {
            return;
        }
        AttackParams d = a.defaults();
        steps.set(d.steps());
        restarts.set(d.restarts());
        relativeStepSize.set(Double.isNaN(d.relativeStepSize()) ? "" : format(d.relativeStepSize()));
    }

    private void parseEpsilon(String text) {
        try {
            double v = Double.parseDouble(text.strip());
            if (!(v >= 0) || !Double.isFinite(v)) {
                epsilonError.set("epsilon must be a number ≥ 0, got '" + text + "'");
            } else if (v > epsilonMax.get() + 1e-12) {
                epsilonError.set("epsilon " + text.strip() + " is above the largest useful value for "
                        + (norm.get() == Norm.L2 ? "L2" : "L∞") + " (" + format(epsilonMax.get()) + ")");
            } else {
                epsilonError.set("");
                epsilon.set(v);
            }
        } catch (NumberFormatException | NullPointerException e) {
            epsilonError.set("epsilon must be a number ≥ 0, got '" + text + "'");
        }
    }

    /**
     * The parameters as the engine takes them.
     *
     * @throws IllegalArgumentException naming the parameter that is wrong
     */
    public AttackParams toParams() {
        String e = validate();
        if (!e.isEmpty()) {
            throw new IllegalArgumentException(e);
        }
        return build();
    }

    private AttackParams build() {
        double rel = relativeStepSize.get() == null || relativeStepSize.get().isBlank() ? Double.NaN
                : Double.parseDouble(relativeStepSize.get().strip());
        int target = targeted.get() ? targetClass.get() : AttackParams.UNTARGETED;
        return new AttackParams(norm.get(), steps.get(), rel, restarts.get(), target, Long.parseLong(seed.get().strip()));
    }

    private String validate() {
        if (attack.get() == null) {
            return "choose an attack";
        }
        if (!epsilonError.get().isEmpty()) {
            return epsilonError.get();
        }
        String rel = relativeStepSize.get();
        if (rel != null && !rel.isBlank()) {
            try {
                double r = Double.parseDouble(rel.strip());
                if (!(r > 0) || !Double.isFinite(r)) {
                    return "relative step size must be a number > 0 (or blank for the attack's default), got '"
                            + rel + "'";
                }
            } catch (NumberFormatException e) {
                return "relative step size must be a number > 0 (or blank for the attack's default), got '" + rel + "'";
            }
        }
        try {
            Long.parseLong(seed.get() == null ? "" : seed.get().strip());
        } catch (NumberFormatException e) {
            return "seed must be a whole number, got '" + seed.get() + "'";
        }
        if (steps.get() == null || restarts.get() == null) {
            return "steps and restarts must be whole numbers";
        }
        if (targeted.get() && (targetClass.get() == null || targetClass.get() < 0
                || targetClass.get() >= Math.max(1, classNames.size()))) {
            return "choose a target class";
        }
        try {
            build();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The largest epsilon the slider offers: half the pixel range for L-inf, a quarter of the image's L2 extent for L2. */
    static double epsilonMax(Norm norm, InputSpec spec) {
        double range = spec == null ? 1 : spec.range();
        if (norm == Norm.L2) {
            int size = spec == null ? 784 : spec.size();
            return Math.max(1, Math.round(Math.sqrt(size) * 0.25 * range * 10) / 10.0);
        }
        return 0.5 * range;
    }

    static double defaultEpsilon(Norm norm, InputSpec spec) {
        double range = spec == null ? 1 : spec.range();
        return norm == Norm.L2 ? Math.round(epsilonMax(norm, spec) * 0.3 * 10) / 10.0 : 0.1 * range;
    }

    /** A short decimal without trailing zeros: 0.1, 0.025, 2.5. */
    public static String format(double v) {
        return org.advlens.app.common.Formats.decimal(v);
    }

    public ObservableList<FixedEpsilonAttack> attacks() {
        return attacks;
    }

    public ObjectProperty<FixedEpsilonAttack> attackProperty() {
        return attack;
    }

    public ObjectProperty<Norm> normProperty() {
        return norm;
    }

    public DoubleProperty epsilonProperty() {
        return epsilon;
    }

    public StringProperty epsilonTextProperty() {
        return epsilonText;
    }

    public ReadOnlyStringProperty epsilonErrorProperty() {
        return epsilonError.getReadOnlyProperty();
    }

    public DoubleBinding epsilonMaxProperty() {
        return epsilonMax;
    }

    public ObjectProperty<Integer> stepsProperty() {
        return steps;
    }

    public StringProperty relativeStepSizeProperty() {
        return relativeStepSize;
    }

    public ObjectProperty<Integer> restartsProperty() {
        return restarts;
    }

    public BooleanProperty targetedProperty() {
        return targeted;
    }

    public ObjectProperty<Integer> targetClassProperty() {
        return targetClass;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    public ObservableList<String> classNames() {
        return classNames;
    }

    /** Whether the chosen attack takes several steps: steps and step size matter. */
    public BooleanBinding iterativeProperty() {
        return iterative;
    }

    /** Whether the chosen attack starts at random: restarts and the seed matter. */
    public BooleanBinding randomisedProperty() {
        return randomised;
    }

    /** What is wrong with the parameters, or an empty string. */
    public StringBinding errorProperty() {
        return error;
    }

    ObservableValue<InputSpec> inputProperty() {
        return input;
    }
}
