package org.advlens.model.gradient;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry of backward rules by ONNX op type. An op without a rule makes the model unsupported (never a silent
 * zero gradient); callers may add or replace rules for one graph, as guided backpropagation replaces ReLU's.
 */
public final class BackwardRules {

    private static final Map<String, BackwardRule> DEFAULT = new HashMap<>();

    /** Ops whose outputs carry no gradient: shapes, comparisons and indices. */
    static final Set<String> NOT_DIFFERENTIABLE = Set.of("Shape", "Size", "Equal", "Greater", "GreaterOrEqual",
            "Less", "LessOrEqual", "Not", "And", "Or", "ArgMax", "ArgMin", "NonZero", "ConstantOfShape", "EyeLike",
            "RandomNormalLike", "RandomUniformLike", "Range");

    static {
        ActivationRules.register(DEFAULT);
        ArithmeticRules.register(DEFAULT);
        LinearRules.register(DEFAULT);
        PoolingRules.register(DEFAULT);
        ShapeRules.register(DEFAULT);
    }

    private BackwardRules() {
    }

    /** The op types with a rule, sorted. */
    public static Set<String> supportedOps() {
        return new TreeSet<>(DEFAULT.keySet());
    }

    /** The default rules with {@code overrides} put over them. */
    static Map<String, BackwardRule> with(Map<String, BackwardRule> overrides) {
        Map<String, BackwardRule> rules = new HashMap<>(DEFAULT);
        rules.putAll(overrides);
        return rules;
    }
}
