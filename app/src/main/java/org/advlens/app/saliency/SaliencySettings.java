package org.advlens.app.saliency;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.advlens.app.session.CheckedNames;
import org.advlens.saliency.SaliencyMethod;
import org.advlens.saliency.Target;
import org.advlens.saliency.method.GradCam;
import org.advlens.saliency.method.IntegratedGradients;
import org.advlens.saliency.method.Occlusion;
import org.advlens.saliency.method.SaliencyMethods;
import org.advlens.saliency.method.SmoothGrad;

/**
 * The saliency methods to run and their parameters as properties, with validation: which methods are chosen,
 * SmoothGrad's samples and noise, Integrated Gradients' steps and baseline, occlusion's patch, stride and fill,
 * Grad-CAM's layer, and the target class (predicted, true label or a chosen class). {@link #methods()} builds
 * the engine's method objects from them.
 */
public final class SaliencySettings {

    /** Registry names and display names of every method, in the registry's order. */
    private final Map<String, String> displayNames = new LinkedHashMap<>();
    private final Map<String, BooleanProperty> chosen = new LinkedHashMap<>();
    private final ObjectProperty<Integer> smoothSamples = new SimpleObjectProperty<>(this, "smoothSamples", 25);
    private final StringProperty smoothNoise = new SimpleStringProperty(this, "smoothNoise", "0.15");
    private final ObjectProperty<Integer> igSteps = new SimpleObjectProperty<>(this, "igSteps", 50);
    private final ObjectProperty<IntegratedGradients.Baseline> igBaseline =
            new SimpleObjectProperty<>(this, "igBaseline", IntegratedGradients.Baseline.BLACK);
    private final ObjectProperty<Integer> occlusionPatch = new SimpleObjectProperty<>(this, "occlusionPatch", 4);
    private final ObjectProperty<Integer> occlusionStride = new SimpleObjectProperty<>(this, "occlusionStride", 2);
    private final StringProperty occlusionFill = new SimpleStringProperty(this, "occlusionFill", "");
    private final StringProperty gradCamLayer = new SimpleStringProperty(this, "gradCamLayer", "");
    private final ObservableList<String> gradCamLayers = FXCollections.observableArrayList();
    private final ObjectProperty<Target.Kind> targetKind = new SimpleObjectProperty<>(this, "targetKind",
            Target.Kind.PREDICTED);
    private final ObjectProperty<Integer> targetClass = new SimpleObjectProperty<>(this, "targetClass", 0);
    private final ObservableList<String> classNames = FXCollections.observableArrayList();
    private final CheckedNames methodSelection;
    private final StringBinding error;

    public SaliencySettings() {
        for (SaliencyMethod m : SaliencyMethods.all()) {
            displayNames.put(m.name(), m.displayName());
            chosen.put(m.name(), new SimpleBooleanProperty(this, m.name(), false));
        }
        choose("gradient", "integrated-gradients", "gradcam");
        methodSelection = new CheckedNames(this, "methodSelection", chosen);
        List<Observable> deps = new ArrayList<>(chosen.values());
        deps.addAll(List.of(smoothSamples, smoothNoise, igSteps, igBaseline, occlusionPatch, occlusionStride,
                occlusionFill, gradCamLayer, targetKind, targetClass, classNames));
        error = Bindings.createStringBinding(this::validate, deps.toArray(new Observable[0]));
    }

    /** Chooses exactly the methods named (registry names or aliases); unknown names are ignored. */
    public void choose(String... names) {
        chosen.values().forEach(p -> p.set(false));
        for (String n : names) {
            BooleanProperty p = chosen.get(SaliencyMethods.canonical(n));
            if (p != null) {
                p.set(true);
            }
        }
    }

    /** Follows a newly loaded model: its classes become the target choices. */
    public void useClasses(List<String> names) {
        classNames.setAll(names);
        if (targetClass.get() == null || targetClass.get() >= names.size()) {
            targetClass.set(0);
        }
    }

    /** Follows a newly loaded model: the layers Grad-CAM can use; a chosen layer it lacks falls back to the last. */
    public void useLayers(List<String> layers) {
        gradCamLayers.setAll(layers);
        if (!layers.contains(gradCamLayer.get())) {
            gradCamLayer.set("");
        }
    }

    /** The chosen methods, in registry order, built from the parameters. */
    public List<SaliencyMethod> methods() {
        String problem = validate();
        if (!problem.isEmpty()) {
            throw new IllegalArgumentException(problem);
        }
        return build();
    }

    /** The target the maps explain. */
    public Target target() {
        return targetKind.get() == Target.Kind.CLASS ? Target.ofClass(targetClass.get())
                : targetKind.get() == Target.Kind.TRUE_LABEL ? Target.trueLabel() : Target.predicted();
    }

    private List<SaliencyMethod> build() {
        List<SaliencyMethod> out = new ArrayList<>();
        for (Map.Entry<String, BooleanProperty> e : chosen.entrySet()) {
            if (!e.getValue().get()) {
                continue;
            }
            out.add(switch (e.getKey()) {
                case SmoothGrad.NAME -> new SmoothGrad(SmoothGrad.Options.defaults().withSamples(smoothSamples.get())
                        .withNoiseLevel(Double.parseDouble(smoothNoise.get().strip())));
                case IntegratedGradients.NAME -> new IntegratedGradients(IntegratedGradients.Options.defaults()
                        .withSteps(igSteps.get()).withBaseline(igBaseline.get()));
                case Occlusion.NAME -> new Occlusion(Occlusion.Options.defaults().withPatch(occlusionPatch.get(),
                        occlusionStride.get()).withFill(fill()));
                case GradCam.NAME -> new GradCam(GradCam.Options.defaults().withLayer(gradCamLayer.get()));
                default -> SaliencyMethods.byName(e.getKey());
            });
        }
        return out;
    }

    private double fill() {
        String t = occlusionFill.get() == null ? "" : occlusionFill.get().strip();
        return t.isEmpty() ? Double.NaN : Double.parseDouble(t);
    }

    private String validate() {
        if (chosen.values().stream().noneMatch(BooleanProperty::get)) {
            return "choose at least one method";
        }
        if (smoothSamples.get() == null || igSteps.get() == null || occlusionPatch.get() == null
                || occlusionStride.get() == null) {
            return "samples, steps, patch and stride must be whole numbers";
        }
        try {
            double noise = Double.parseDouble(smoothNoise.get() == null ? "" : smoothNoise.get().strip());
            if (!Double.isFinite(noise)) {
                return "SmoothGrad noise must be a number in [0, 10], got '" + smoothNoise.get() + "'";
            }
        } catch (NumberFormatException e) {
            return "SmoothGrad noise must be a number in [0, 10], got '" + smoothNoise.get() + "'";
        }
        try {
            fill();
        } catch (NumberFormatException e) {
            return "occlusion fill must be a number (or blank for black), got '" + occlusionFill.get() + "'";
        }
        if (targetKind.get() == Target.Kind.CLASS && (targetClass.get() == null || targetClass.get() < 0
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

    /** Registry names of every method, in display order. */
    public List<String> methodNames() {
        return List.copyOf(displayNames.keySet());
    }

    public String displayName(String method) {
        return displayNames.getOrDefault(method, method);
    }

    /** The registry names of the ticked methods, as one setting the session keeps. */
    public ObjectProperty<Set<String>> methodSelectionProperty() {
        return methodSelection;
    }

    public BooleanProperty chosenProperty(String method) {
        BooleanProperty p = chosen.get(method);
        if (p == null) {
            throw new IllegalArgumentException("unknown saliency method '" + method + "'");
        }
        return p;
    }

    public ObjectProperty<Integer> smoothSamplesProperty() {
        return smoothSamples;
    }

    public StringProperty smoothNoiseProperty() {
        return smoothNoise;
    }

    public ObjectProperty<Integer> igStepsProperty() {
        return igSteps;
    }

    public ObjectProperty<IntegratedGradients.Baseline> igBaselineProperty() {
        return igBaseline;
    }

    public ObjectProperty<Integer> occlusionPatchProperty() {
        return occlusionPatch;
    }

    public ObjectProperty<Integer> occlusionStrideProperty() {
        return occlusionStride;
    }

    public StringProperty occlusionFillProperty() {
        return occlusionFill;
    }

    /** Grad-CAM's layer; blank for the last convolutional layer. */
    public StringProperty gradCamLayerProperty() {
        return gradCamLayer;
    }

    public ObservableList<String> gradCamLayers() {
        return gradCamLayers;
    }

    public ObjectProperty<Target.Kind> targetKindProperty() {
        return targetKind;
    }

    public ObjectProperty<Integer> targetClassProperty() {
        return targetClass;
    }

    public ObservableList<String> classNames() {
        return classNames;
    }

    /** What is wrong with the parameters, or an empty string. */
    public StringBinding errorProperty() {
        return error;
    }
}
