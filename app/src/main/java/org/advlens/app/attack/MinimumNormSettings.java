package org.advlens.app.attack;

import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.advlens.attack.AttackParams;
import org.advlens.attack.MinimizationAttack;
import org.advlens.attack.MinimizationParams;
import org.advlens.attack.Norm;
import org.advlens.attack.catalog.MinimizationAttacks;

/**
 * The minimum-norm attack (C&W L2, DeepFool, JSMA, L-BFGS, Boundary) and its parameters as properties, with
 * validation. These attacks take no epsilon: they search for the smallest perturbation that changes the decision.
 * Parameters the chosen attack does not read are disabled through the {@code usesXxx} bindings. JSMA appears
 * once; {@link #increaseProperty()} picks whether it raises or lowers pixel values.
 */
public final class MinimumNormSettings {

    /** Registry name of JSMA's decreasing variant; the chooser shows JSMA once and the direction separately. */
    static final String JSMA_DECREASE = "jsma-decrease";

    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled", false);
    private final ObservableList<MinimizationAttack> attacks = FXCollections.observableArrayList(
            MinimizationAttacks.all().stream().filter(a -> !a.name().equals(JSMA_DECREASE)).toList());
    private final ObjectProperty<MinimizationAttack> attack = new SimpleObjectProperty<>(this, "attack");
    private final ObjectProperty<Norm> norm = new SimpleObjectProperty<>(this, "norm", Norm.L2);
    private final ObjectProperty<Integer> steps = new SimpleObjectProperty<>(this, "steps", 100);
    private final ObjectProperty<Integer> searchSteps = new SimpleObjectProperty<>(this, "searchSteps", 5);
    private final StringProperty learningRate = new SimpleStringProperty(this, "learningRate", "0.1");
    private final StringProperty confidence = new SimpleStringProperty(this, "confidence", "0");
    private final StringProperty overshoot = new SimpleStringProperty(this, "overshoot", "0.02");
    private final StringProperty gamma = new SimpleStringProperty(this, "gamma", "0.145");
    private final BooleanProperty increase = new SimpleBooleanProperty(this, "increase", true);
    private final BooleanBinding usesSteps = uses("cw", "deepfool", "lbfgs", "boundary");
    private final BooleanBinding usesSearchSteps = uses("cw", "lbfgs");
    private final BooleanBinding usesLearningRate = uses("cw");
    private final BooleanBinding usesConfidence = uses("cw");
    private final BooleanBinding usesOvershoot = uses("deepfool");
    private final BooleanBinding usesNorm = uses("deepfool");
    private final BooleanBinding usesGamma = uses("jsma");
    private final StringBinding error;

    public MinimumNormSettings() {
        attack.addListener((o, before, now) -> applyDefaults(now));
        error = Bindings.createStringBinding(this::validate, attack, norm, steps, searchSteps, learningRate,
                confidence, overshoot, gamma);
        attack.set(attacks.isEmpty() ? null : attacks.get(0));
    }

    private BooleanBinding uses(String... names) {
        List<String> list = List.of(names);
        return Bindings.createBooleanBinding(() -> attack.get() != null && list.contains(attack.get().name()), attack);
    }

    /** Chooses the attack by its registry name, e.g. {@code "deepfool"}. */
    public void choose(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        if (key.equals(JSMA_DECREASE)) {
            increase.set(false);
            key = "jsma";
        }
        String wanted = key;
        attack.set(attacks.stream().filter(a -> a.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown minimum-norm attack '" + name + "'")));
    }

    private void applyDefaults(MinimizationAttack a) {
        if (a == null) {
            return;
        }
        MinimizationParams d = a.defaults();
        norm.set(d.norm());
        steps.set(d.steps());
        searchSteps.set(d.searchSteps());
        learningRate.set(AttackSettings.format(d.stepSize()));
        confidence.set(AttackSettings.format(d.confidence()));
        overshoot.set(AttackSettings.format(d.overshoot()));
        gamma.set(AttackSettings.format(d.maxDistortion()));
    }

    /** The attack to run: the chosen one, or JSMA's decreasing variant when {@link #increaseProperty()} is off. */
    public MinimizationAttack resolvedAttack() {
        MinimizationAttack a = attack.get();
        if (a != null && a.name().equals("jsma") && !increase.get()) {
            return MinimizationAttacks.byName(JSMA_DECREASE);
        }
        return a;
    }

    /**
     * The parameters as the engine takes them, starting from the attack's defaults.
     *
     * @param targetClass the class to reach, or {@link AttackParams#UNTARGETED}
     * @throws IllegalArgumentException naming the parameter that is wrong
     */
    public MinimizationParams toParams(int targetClass, long seed) {
        String e = validate();
        if (!e.isEmpty()) {
            throw new IllegalArgumentException(e);
        }
        return build().withTarget(targetClass).withSeed(seed);
    }

    private MinimizationParams build() {
        MinimizationParams p = attack.get().defaults().withSteps(steps.get()).withSearchSteps(searchSteps.get())
                .withStepSize(number(learningRate.get(), "learning rate"))
                .withConfidence(number(confidence.get(), "confidence κ"))
                .withOvershoot(number(overshoot.get(), "overshoot"))
                .withMaxDistortion(number(gamma.get(), "gamma"));
        return usesNorm.get() ? p.withNorm(norm.get()) : p;
    }

    private static double number(String text, String what) {
        try {
            double v = Double.parseDouble(text == null ? "" : text.strip());
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " must be a finite number, got '" + text + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, got '" + text + "'");
        }
    }

    private String validate() {
        if (attack.get() == null) {
            return "choose a minimum-norm attack";
        }
        if (steps.get() == null || searchSteps.get() == null) {
            return "steps and search steps must be whole numbers";
        }
        try {
            build();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Whether the attack view runs a minimum-norm attack (no epsilon) instead of a fixed-budget one. */
    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public ObservableList<MinimizationAttack> attacks() {
        return attacks;
    }

    public ObjectProperty<MinimizationAttack> attackProperty() {
        return attack;
    }

    /** DeepFool's norm (L2 or L∞); C&W, L-BFGS and Boundary minimise L2, JSMA the number of changed values. */
    public ObjectProperty<Norm> normProperty() {
        return norm;
    }

    /** C&W's Adam steps per constant, DeepFool's and L-BFGS's iterations, Boundary's steps. */
    public ObjectProperty<Integer> stepsProperty() {
        return steps;
    }

    /** Binary-search steps over the constant c (C&W, L-BFGS). */
    public ObjectProperty<Integer> searchStepsProperty() {
        return searchSteps;
    }

    /** C&W's Adam learning rate. */
    public StringProperty learningRateProperty() {
        return learningRate;
    }

    /** C&W's confidence κ: the adversarial class must win on the logits by this margin. */
    public StringProperty confidenceProperty() {
        return confidence;
    }

    /** DeepFool's overshoot. */
    public StringProperty overshootProperty() {
        return overshoot;
    }

    /** JSMA's gamma: the largest fraction of input values it may change. */
    public StringProperty gammaProperty() {
        return gamma;
    }

    /** JSMA: raise pixel values (on) or lower them (off). */
    public BooleanProperty increaseProperty() {
        return increase;
    }

    public BooleanBinding usesStepsProperty() {
        return usesSteps;
    }

    public BooleanBinding usesSearchStepsProperty() {
        return usesSearchSteps;
    }

    public BooleanBinding usesLearningRateProperty() {
        return usesLearningRate;
    }

    public BooleanBinding usesConfidenceProperty() {
        return usesConfidence;
    }

    public BooleanBinding usesOvershootProperty() {
        return usesOvershoot;
    }

    public BooleanBinding usesNormProperty() {
        return usesNorm;
    }

    public BooleanBinding usesGammaProperty() {
        return usesGamma;
    }

    /** What is wrong with the parameters, or an empty string. */
    public StringBinding errorProperty() {
        return error;
    }
}
