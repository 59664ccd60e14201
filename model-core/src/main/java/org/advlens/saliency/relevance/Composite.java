package org.advlens.saliency.relevance;

import java.util.LinkedHashMap;
import java.util.Map;
import org.advlens.model.compiled.LayerStep;

/**
 * Which LRP rule each layer gets, by layer type (Montavon et al. 2019, section 10.3; Kohlbrenner et al.,
 * "Towards Best Practice in Explaining Neural Network Decisions with LRP", 2020): one rule for the first layer
 * with weights (it sees the pixels), one for the other convolutions and one for the dense layers. Steps without
 * weights are handled the same under every composite: ReLUs, other activations and batch norm pass relevance
 * through unchanged, max pooling gives it to the window's maximum, average pooling shares it by contribution
 * (the epsilon rule), reshapes reshape it.
 *
 * @param name the registry name, e.g. {@code "lrp-composite"}
 * @param input rule of the first layer with weights
 * @param convolution rule of the other convolutions
 * @param dense rule of the other dense layers, the output layer included
 */
public record Composite(String name, RelevanceRule input, RelevanceRule convolution, RelevanceRule dense) {

    /** Epsilon of the default composites: about a hundredth of the bundled model's typical logit. */
    public static final double DEFAULT_EPSILON = 0.1;
    public static final double DEFAULT_GAMMA = 0.25;

    public Composite {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a composite needs a name, got '" + name + "'");
        }
        if (input == null || convolution == null || dense == null) {
            throw new IllegalArgumentException("composite " + name + " needs a rule for every layer type");
        }
    }

    /** The same rule for every layer. */
    public static Composite uniform(String name, RelevanceRule rule) {
        return new Composite(name, rule, rule, rule);
    }

    /** LRP-epsilon everywhere. */
    public static Composite epsilon(double epsilon) {
        return uniform("lrp-epsilon", new EpsilonRule(epsilon));
    }

    /** LRP-gamma everywhere. */
    public static Composite gamma(double gamma) {
        return uniform("lrp-gamma", new GammaRule(gamma));
    }

    /** LRP-alpha-beta everywhere. */
    public static Composite alphaBeta(double alpha, double beta) {
        return uniform("lrp-alpha-beta", new AlphaBetaRule(alpha, beta));
    }

    /** z+ everywhere. */
    public static Composite zPlus() {
        return uniform("lrp-zplus", new ZPlusRule());
    }

    /** Box for the pixels, gamma for convolutions, epsilon for dense layers (Montavon et al. 2019). */
    public static Composite epsilonGammaBox(double epsilon, double gamma) {
        return new Composite("lrp-composite", new BoxRule(), new GammaRule(gamma), new EpsilonRule(epsilon));
    }

    /** Flat for the first layer, z+ for convolutions, epsilon for dense layers. */
    public static Composite epsilonPlusFlat(double epsilon) {
        return new Composite("lrp-composite-flat", new FlatRule(), new ZPlusRule(), new EpsilonRule(epsilon));
    }

    /** The registry names of the composites {@link #byName} builds. */
    public static final java.util.List<String> NAMES = java.util.List.of("lrp-epsilon", "lrp-gamma",
            "lrp-alpha-beta", "lrp-zplus", "lrp-composite", "lrp-composite-flat");

    /**
     * The composite named {@code name} (one of {@link #NAMES}, also without the {@code lrp-} prefix) with the given
     * epsilon and gamma where it uses them; alpha-beta is alpha 2, beta 1.
     *
     * @throws IllegalArgumentException naming the known composites if {@code name} is not one of them
     */
    public static Composite byName(String name, double epsilon, double gamma) {
        String n = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT);
        String key = n.startsWith("lrp-") ? n : "lrp-" + n;
        return switch (key) {
            case "lrp-epsilon" -> epsilon(epsilon);
            case "lrp-gamma" -> gamma(gamma);
            case "lrp-alpha-beta" -> alphaBeta(2, 1);
            case "lrp-zplus" -> zPlus();
            case "lrp-composite" -> epsilonGammaBox(epsilon, gamma);
            case "lrp-composite-flat" -> epsilonPlusFlat(epsilon);
            default -> throw new IllegalArgumentException("unknown LRP composite '" + name + "': expected one of "
                    + NAMES);
        };
    }

    /** The rule for a step with weights; {@code first} for the first such step of the network. */
    public RelevanceRule ruleFor(LayerStep step, boolean first) {
        if (first) {
            return input;
        }
        return step.kind() == LayerStep.Kind.CONVOLUTION ? convolution : dense;
    }

    /** The rules by layer type, for provenance. */
    public Map<String, Object> describe() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("composite", name);
        p.put("input_layer", input.describe());
        p.put("convolutions", convolution.describe());
        p.put("dense_layers", dense.describe());
        return p;
    }
}
