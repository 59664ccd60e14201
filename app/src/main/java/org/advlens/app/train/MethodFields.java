package org.advlens.app.train;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.advlens.attack.Norm;
import org.advlens.train.TrainingMethod;
import org.advlens.train.TrainingMethod.Kind;

/**
 * Which parameters each training method takes on the form, and how the method is made from them: one line per
 * {@link Kind}. A kind without a line is still listed in the chooser and says that the form cannot set it up yet.
 */
public final class MethodFields {

    /** A method parameter on the form: its label, its default text and what it means. */
    public enum Field {
        NORM("Norm", "linf", "The norm of the perturbation ball: L∞ (each pixel moves at most ε) or L2"),
        EPSILON("ε", "0.1", "Radius of the perturbation ball in pixel units (images in [0, 1]); the robust accuracy"
                + " after each epoch is measured at this ε"),
        STEPS("Steps", String.valueOf(TrainingMethod.PGD_STEPS), "PGD steps per minibatch: more is a stronger"
                + " attack and slower training (Madry et al. 2018 use 7 on CIFAR-10)"),
        STEP_SIZE("Step size", String.valueOf(TrainingMethod.PGD_RELATIVE_STEP), "Size of each PGD step as a"
                + " fraction of ε"),
        NOISE_SIGMA("Noise σ", "0.25", "Standard deviation of the Gaussian noise added to every training pixel"
                + " (Cohen et al. 2019); the σ a smoothed classifier is then certified at"),
        MIXUP_ALPHA("Mixup α", "0.4", "Each example is mixed with another, λx + (1 − λ)x' with λ ~ Beta(α, α)"
                + " (Zhang et al. 2018); small α mixes little"),
        TRADES_BETA("TRADES β", String.valueOf(TrainingMethod.TRADES_BETA), "Weight of the KL term between the"
                + " predictions on the clean and the adversarial image (Zhang et al. 2019): larger gives up clean"
                + " accuracy for robustness"),
        TEMPERATURE("Temperature", String.valueOf(TrainingMethod.DISTILLATION_TEMPERATURE), "Softmax temperature of"
                + " the teacher and the student in defensive distillation (Papernot et al. 2016)");

        private final String label;
        private final String defaultText;
        private final String tooltip;

        Field(String label, String defaultText, String tooltip) {
            this.label = label;
            this.defaultText = defaultText;
            this.tooltip = tooltip;
        }

        public String label() {
            return label;
        }

        public String defaultText() {
            return defaultText;
        }

        public String tooltip() {
            return tooltip;
        }
    }

    /** The parsed values of the form's method fields. */
    public interface Values {
        Norm norm();

        double number(Field field);

        int whole(Field field);
    }

    private record Form(String name, Set<Field> fields, Function<Values, TrainingMethod> build) {
    }

    private static final Map<Kind, Form> FORMS = new EnumMap<>(Kind.class);

    static {
        add(Kind.STANDARD, "Standard", v -> TrainingMethod.standard());
        add(Kind.PGD_AT, "PGD adversarial training", v -> TrainingMethod.pgd(v.norm(), v.number(Field.EPSILON),
                v.whole(Field.STEPS), v.number(Field.STEP_SIZE)), Field.NORM, Field.EPSILON, Field.STEPS,
                Field.STEP_SIZE);
        add(Kind.FAST_AT, "Fast adversarial training", v -> TrainingMethod.fast(v.norm(), v.number(Field.EPSILON)),
                Field.NORM, Field.EPSILON);
        add(Kind.NOISE, "Gaussian noise", v -> TrainingMethod.noise(v.number(Field.NOISE_SIGMA)), Field.NOISE_SIGMA);
        add(Kind.MIXUP, "Mixup", v -> TrainingMethod.mixup(v.number(Field.MIXUP_ALPHA)), Field.MIXUP_ALPHA);
        add(Kind.MANIFOLD_MIXUP, "Manifold mixup", v -> TrainingMethod.manifoldMixup(v.number(Field.MIXUP_ALPHA),
                TrainingMethod.MANIFOLD_MIXUP_LAYERS), Field.MIXUP_ALPHA);
        add(Kind.TRADES, "TRADES", v -> TrainingMethod.trades(v.norm(), v.number(Field.EPSILON),
                v.whole(Field.STEPS), v.number(Field.STEP_SIZE), v.number(Field.TRADES_BETA)), Field.NORM,
                Field.EPSILON, Field.STEPS, Field.STEP_SIZE, Field.TRADES_BETA);
        add(Kind.DISTILLATION, "Defensive distillation", v -> TrainingMethod.distillation(
                v.number(Field.TEMPERATURE)), Field.TEMPERATURE);
    }

    private MethodFields() {
    }

    private static void add(Kind kind, String name, Function<Values, TrainingMethod> build, Field... fields) {
        Set<Field> set = EnumSet.noneOf(Field.class);
        set.addAll(java.util.List.of(fields));
        FORMS.put(kind, new Form(name, set, build));
    }

    /** Whether the form can set up {@code kind}. */
    public static boolean supported(Kind kind) {
        return FORMS.containsKey(kind);
    }

    /** The fields {@code kind} takes (none for a kind the form cannot set up). */
    public static Set<Field> fields(Kind kind) {
        Form f = FORMS.get(kind);
        return f == null ? Set.of() : f.fields();
    }

    /**
     * The method of {@code kind} with {@code values}.
     *
     * @throws IllegalArgumentException when the form cannot set up the kind or a value is out of range
     */
    public static TrainingMethod build(Kind kind, Values values) {
        Form f = FORMS.get(kind);
        if (f == null) {
            throw new IllegalArgumentException("the training view cannot set up " + kind.label() + " yet; use"
                    + " advlens train --method " + kind.label());
        }
        return f.build().apply(values);
    }

    /** Whether {@code kind} fits adversarial examples (and so can measure robust accuracy after each epoch). */
    public static boolean adversarial(Kind kind) {
        if (!supported(kind)) {
            return false;
        }
        try {
            return build(kind, defaults()).adversarial();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The fields' default values. */
    static Values defaults() {
        return new Values() {
            @Override
            public Norm norm() {
                return Norm.parse(Field.NORM.defaultText());
            }

            @Override
            public double number(Field field) {
                return Double.parseDouble(field.defaultText());
            }

            @Override
            public int whole(Field field) {
                return Integer.parseInt(field.defaultText());
            }
        };
    }

    /** A kind's name for the chooser, e.g. "PGD adversarial training (pgd-at)". */
    public static String displayName(Kind kind) {
        Form f = FORMS.get(kind);
        if (f == null || f.name().equalsIgnoreCase(kind.label())) {
            return f == null ? kind.label() : f.name();
        }
        return f.name() + " (" + kind.label() + ")";
    }
}
