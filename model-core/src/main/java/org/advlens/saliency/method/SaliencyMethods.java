package org.advlens.saliency.method;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.advlens.model.Classifier;
import org.advlens.saliency.SaliencyMethod;
import org.advlens.saliency.relevance.Composite;

/** The registry of saliency methods with their default settings: a new method is one new class plus one line here. */
public final class SaliencyMethods {

    private static final Map<String, Supplier<SaliencyMethod>> METHODS = new LinkedHashMap<>();

    static {
        register(() -> new VanillaGradient(VanillaGradient.Options.signedGradient()));
        register(() -> new VanillaGradient(VanillaGradient.Options.absoluteGradient()));
        register(GradientTimesInput::new);
        register(SmoothGrad::new);
        register(IntegratedGradients::new);
        register(Occlusion::new);
        register(GradCam::new);
        register(GuidedBackprop::new);
        register(() -> new LayerwiseRelevancePropagation(Composite.epsilon(Composite.DEFAULT_EPSILON)));
        register(() -> new LayerwiseRelevancePropagation(Composite.gamma(Composite.DEFAULT_GAMMA)));
        register(() -> new LayerwiseRelevancePropagation(Composite.alphaBeta(2, 1)));
        register(() -> new LayerwiseRelevancePropagation(Composite.zPlus()));
        register(() -> new LayerwiseRelevancePropagation(
                Composite.epsilonGammaBox(Composite.DEFAULT_EPSILON, Composite.DEFAULT_GAMMA)));
        register(() -> new LayerwiseRelevancePropagation(Composite.epsilonPlusFlat(Composite.DEFAULT_EPSILON)));
    }

    private SaliencyMethods() {
    }

    private static void register(Supplier<SaliencyMethod> factory) {
        METHODS.put(factory.get().name(), factory);
    }

    /** Names of all methods, in display order. */
    public static List<String> names() {
        return List.copyOf(METHODS.keySet());
    }

    /** Every method with its default settings. */
    public static List<SaliencyMethod> all() {
        return METHODS.values().stream().map(Supplier::get).toList();
    }

    /** The methods with default settings that can explain {@code model}. */
    public static List<SaliencyMethod> supported(Classifier model) {
        List<SaliencyMethod> out = new ArrayList<>();
        for (SaliencyMethod m : all()) {
            if (m.supports(model)) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * The method named {@code name} with its default settings; also accepts a few common spellings
     * ({@code ig}, {@code grad-cam}, {@code gbp}, ...).
     *
     * @throws IllegalArgumentException naming the known methods if {@code name} is not one of them
     */
    public static SaliencyMethod byName(String name) {
        String key = canonical(name);
        Supplier<SaliencyMethod> f = METHODS.get(key);
        if (f == null) {
            throw new IllegalArgumentException("unknown saliency method '" + name + "': expected one of " + names());
        }
        return f.get();
    }

    /** The registry name for a user-typed method name (lower-cased, aliases resolved). */
    public static String canonical(String name) {
        if (name == null) {
            throw new IllegalArgumentException("method name must not be null");
        }
        String t = name.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        return switch (t) {
            case "vanilla", "vanilla-gradient", "grad", "saliency" -> VanillaGradient.NAME;
            case "abs-gradient", "gradient-absolute", "vanilla-abs", "grad-abs" -> VanillaGradient.ABSOLUTE_NAME;
            case "gxi", "input-x-gradient", "gradient-times-input", "gradientxinput" -> GradientTimesInput.NAME;
            case "smooth-grad" -> SmoothGrad.NAME;
            case "ig", "integrated-gradient", "integratedgradients" -> IntegratedGradients.NAME;
            case "grad-cam" -> GradCam.NAME;
            case "gbp", "guided-backpropagation", "guided" -> GuidedBackprop.NAME;
            case "lrp", "lrp-eps" -> "lrp-epsilon";
            case "lrp-z-plus", "lrp-z+" -> "lrp-zplus";
            case "lrp-alpha2-beta1", "lrp-ab" -> "lrp-alpha-beta";
            default -> t;
        };
    }
}
