package org.advlens.app.attack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.Property;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.advlens.attack.AttackParams;
import org.advlens.attack.DistanceMeasure;
import org.advlens.attack.MinimizationAttack;
import org.advlens.attack.MinimizationParams;
import org.advlens.attack.Norm;
import org.advlens.attack.catalog.MinimizationAttacks;

/**
 * The minimum-norm attack (C&W L2, DeepFool, JSMA, L-BFGS, Boundary) and its options as properties, with
 * validation. These attacks take no epsilon: they search for the smallest perturbation that changes the decision.
 * Each field is one option name of the engine's attack {@code Options} records ({@link #fields()}); the
 * {@code usesXxx} bindings say whether the chosen attack's {@code parameters()} list it, so the form shows only
 * the chosen attack's fields, and {@link #resolvedAttack()} builds the attack by name from those fields alone.
 * Options with no field here keep the attack's defaults. JSMA appears once; {@link #increaseProperty()} picks
 * whether it raises or lowers pixel values.
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
    private final StringProperty initialConstant = new SimpleStringProperty(this, "initialConstant", "0.1");
    private final ObjectProperty<Integer> candidates = new SimpleObjectProperty<>(this, "candidates", 10);
    private final BooleanProperty increase = new SimpleBooleanProperty(this, "increase", true);
    /** Each field by the engine's option name. */
    private final Map<String, Property<?>> fields = fieldsByOption();
    private final BooleanBinding usesSteps = uses("steps");
    private final BooleanBinding usesSearchSteps = uses("search-steps");
    private final BooleanBinding usesLearningRate = uses("learning-rate");
    private final BooleanBinding usesConfidence = uses("confidence");
    private final BooleanBinding usesOvershoot = uses("overshoot");
    private final BooleanBinding usesGamma = uses("max-distortion");
    private final BooleanBinding usesInitialConstant = uses("initial-constant");
    private final BooleanBinding usesCandidates = uses("candidates");
    private final BooleanBinding usesNorm = Bindings.createBooleanBinding(() -> attack.get() != null
            && attack.get().measure(attack.get().defaults().withNorm(Norm.LINF)) == DistanceMeasure.LINF, attack);
    private final StringBinding error;

    public MinimumNormSettings() {
        attack.addListener((o, before, now) -> applyDefaults(now));
        List<Observable> deps = new ArrayList<>(List.of(attack, norm, increase));
        deps.addAll(fields.values());
        error = Bindings.createStringBinding(this::validate, deps.toArray(Observable[]::new));
        attack.set(attacks.isEmpty() ? null : attacks.get(0));
    }

    /**
     * The form's fields by option name. A new attack whose options reuse these names needs nothing here; a new
     * option name needs one property, one line here and one row in {@code MinimumNormParamsView}.
     */
    private Map<String, Property<?>> fieldsByOption() {
        Map<String, Property<?>> m = new LinkedHashMap<>();
        m.put("steps", steps);
        m.put("search-steps", searchSteps);
        m.put("learning-rate", learningRate);
        m.put("initial-constant", initialConstant);
        m.put("confidence", confidence);
        m.put("overshoot", overshoot);
        m.put("candidates", candidates);
        m.put("max-distortion", gamma);
        return m;
    }

    /** The option names the form has a field for, in its order. */
    public Set<String> fields() {
        return Collections.unmodifiableSet(fields.keySet());
    }

    /** Whether the chosen attack takes the option {@code name}, so its field is shown. */
    public BooleanBinding uses(String name) {
        return Bindings.createBooleanBinding(() -> attack.get() != null
                && attack.get().parameters().containsKey(name), attack);
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
        norm.set(a.defaults().norm());
        a.parameters().forEach(this::show);
    }

    /** Shows an attack's default value in the field of its option, when the form has one. */
    @SuppressWarnings("unchecked")
    private void show(String option, Object value) {
        Property<?> field = fields.get(option);
        if (field instanceof StringProperty text) {
            text.set(value instanceof Integer ? value.toString() : AttackSettings.format(((Number) value).doubleValue()));
        } else if (field != null && value instanceof Integer whole) {
            ((ObjectProperty<Integer>) field).set(whole);
        }
    }

    /**
     * The attack to run, built by name with the form's values for the options it takes: the chosen one, or JSMA's
     * decreasing variant when {@link #increaseProperty()} is off.
     *
     * @throws IllegalArgumentException naming the option whose value is wrong
     */
    public MinimizationAttack resolvedAttack() {
        MinimizationAttack a = attack.get();
        if (a == null) {
            return null;
        }
        String name = a.name().equals("jsma") && !increase.get() ? JSMA_DECREASE : a.name();
        Map<String, Object> values = new LinkedHashMap<>();
        for (String option : a.parameters().keySet()) {
            Property<?> field = fields.get(option);
            if (field != null) {
                if (field.getValue() == null) {
                    throw new IllegalArgumentException(option + " must be a whole number");
                }
                values.put(option, field.getValue());
            }
        }
        return MinimizationAttacks.create(name, values);
    }

    /**
     * The shared parameters (norm, target, seed) as the engine takes them, starting from the attack's defaults;
     * the attack's own options are in {@link #resolvedAttack()}.
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
        MinimizationParams p = attack.get().defaults();
        return usesNorm.get() ? p.withNorm(norm.get()) : p;
    }

    private String validate() {
        if (attack.get() == null) {
            return "choose a minimum-norm attack";
        }
        if (steps.get() == null || searchSteps.get() == null || candidates.get() == null) {
            return "steps, search steps and candidates must be whole numbers";
        }
        try {
            resolvedAttack();
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

    /** The first constant c of the search (C&W, L-BFGS). */
    public StringProperty initialConstantProperty() {
        return initialConstant;
    }

    /** DeepFool's candidate classes. */
    public ObjectProperty<Integer> candidatesProperty() {
        return candidates;
    }

    public BooleanBinding usesInitialConstantProperty() {
        return usesInitialConstant;
    }

    public BooleanBinding usesCandidatesProperty() {
        return usesCandidates;
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
