package org.advlens.app.sanity;

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
import org.advlens.app.session.CheckedNames;
import org.advlens.saliency.SaliencyMethod;
import org.advlens.saliency.method.SaliencyMethods;
import org.advlens.saliency.sanity.ParameterRandomizationCheck;
import org.advlens.saliency.sanity.Randomization;

/**
 * What a sanity check runs: the methods (with their default settings), cascading or independent randomisation,
 * how many images of the bundled evaluation set, and the seed; validated as the user types.
 */
public final class SanitySettings {

    /** Most images a check may use (the bundled evaluation set holds 1,000). */
    public static final int MAX_IMAGES = 1000;

    private final Map<String, String> displayNames = new LinkedHashMap<>();
    private final Map<String, BooleanProperty> chosen = new LinkedHashMap<>();
    private final ObjectProperty<Randomization> randomization = new SimpleObjectProperty<>(this, "randomization",
            Randomization.CASCADING);
    private final ObjectProperty<Integer> images = new SimpleObjectProperty<>(this, "images", 8);
    private final StringProperty seed = new SimpleStringProperty(this, "seed", "0");
    private final CheckedNames methodSelection;
    private final StringBinding error;

    public SanitySettings() {
        for (SaliencyMethod m : SaliencyMethods.all()) {
            displayNames.put(m.name(), m.displayName());
            chosen.put(m.name(), new SimpleBooleanProperty(this, m.name(), false));
        }
        choose("gradient", "integrated-gradients", "gradcam");
        methodSelection = new CheckedNames(this, "methodSelection", chosen);
        List<Observable> deps = new ArrayList<>(chosen.values());
        deps.addAll(List.of(randomization, images, seed));
        error = Bindings.createStringBinding(this::validate, deps.toArray(new Observable[0]));
    }

    /** Chooses exactly the methods named; unknown names are ignored. */
    public void choose(String... names) {
        chosen.values().forEach(p -> p.set(false));
        for (String n : names) {
            BooleanProperty p = chosen.get(SaliencyMethods.canonical(n));
            if (p != null) {
                p.set(true);
            }
        }
    }

    /** The chosen methods with their default settings, in registry order. */
    public List<SaliencyMethod> methods() {
        check();
        List<SaliencyMethod> out = new ArrayList<>();
        chosen.forEach((name, on) -> {
            if (on.get()) {
                out.add(SaliencyMethods.byName(name));
            }
        });
        return out;
    }

    /** The check's options: the randomisation, the seed, all layers. */
    public ParameterRandomizationCheck.Options options() {
        check();
        return new ParameterRandomizationCheck.Options(randomization.get(), seedValue(), 0);
    }

    public long seedValue() {
        return Long.parseLong(seed.get().strip());
    }

    private void check() {
        String problem = validate();
        if (!problem.isEmpty()) {
            throw new IllegalArgumentException(problem);
        }
    }

    private String validate() {
        if (chosen.values().stream().noneMatch(BooleanProperty::get)) {
            return "choose at least one method";
        }
        if (images.get() == null || images.get() < 1 || images.get() > MAX_IMAGES) {
            return "images must be a whole number in [1, " + MAX_IMAGES + "], got " + images.get();
        }
        try {
            Long.parseLong(seed.get() == null ? "" : seed.get().strip());
        } catch (NumberFormatException e) {
            return "seed must be a whole number, got '" + seed.get() + "'";
        }
        if (randomization.get() == null || randomization.get() == Randomization.PERMUTED_LABELS) {
            return "choose cascading or independent randomization";
        }
        return "";
    }

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

    public ObjectProperty<Randomization> randomizationProperty() {
        return randomization;
    }

    public ObjectProperty<Integer> imagesProperty() {
        return images;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    /** What is wrong with the settings, or an empty string. */
    public StringBinding errorProperty() {
        return error;
    }
}
