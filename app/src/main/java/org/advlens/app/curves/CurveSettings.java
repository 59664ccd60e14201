package org.advlens.app.curves;

import java.nio.file.Path;
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
import org.advlens.attack.AttackParams;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.Norm;
import org.advlens.attack.catalog.Attacks;
import org.advlens.eval.CurveSpec;

/**
 * The curve form: the data set, the attacks, their shared parameters, the epsilons and the image limit, with
 * validation. {@link #errorProperty()} is empty when {@link #toSpec()} would succeed.
 */
public final class CurveSettings {

    /** How the epsilons are given. */
    public enum EpsilonMode { RANGE, LIST }

    private final ObjectProperty<Path> dataFile = new SimpleObjectProperty<>(this, "dataFile");
    private final ObjectProperty<Path> labelFile = new SimpleObjectProperty<>(this, "labelFile");
    private final Map<FixedEpsilonAttack, BooleanProperty> chosen = new LinkedHashMap<>();
    private final ObjectProperty<Norm> norm = new SimpleObjectProperty<>(this, "norm", Norm.LINF);
    private final ObjectProperty<Integer> steps = new SimpleObjectProperty<>(this, "steps", 10);
    private final StringProperty seed = new SimpleStringProperty(this, "seed", "0");
    private final ObjectProperty<EpsilonMode> mode = new SimpleObjectProperty<>(this, "mode", EpsilonMode.RANGE);
    private final StringProperty from = new SimpleStringProperty(this, "from", "0");
    private final StringProperty to = new SimpleStringProperty(this, "to", "0.3");
    private final StringProperty count = new SimpleStringProperty(this, "count", "7");
    private final StringProperty list = new SimpleStringProperty(this, "list", "0, 0.05, 0.1, 0.2, 0.3");
    private final ObjectProperty<Integer> limit = new SimpleObjectProperty<>(this, "limit", 200);
    private final ObjectProperty<Integer> batchSize = new SimpleObjectProperty<>(this, "batchSize", 100);
    private final CheckedNames attackSelection;
    private final StringBinding error;
    private final StringBinding epsilonPreview;
    private final javafx.beans.binding.BooleanBinding anyIterative;

    public CurveSettings() {
        for (FixedEpsilonAttack a : Attacks.all()) {
            String n = a.name();
            chosen.put(a, new SimpleBooleanProperty(this, n, n.equals("fgsm") || n.equals("pgd")));
        }
        Map<String, BooleanProperty> byName = new LinkedHashMap<>();
        chosen.forEach((a, on) -> byName.put(a.name(), on));
        attackSelection = new CheckedNames(this, "attackSelection", byName);
        List<Observable> deps = new ArrayList<>(List.of(norm, steps, seed, mode, from, to, count, list, limit,
                batchSize));
        deps.addAll(chosen.values());
        error = Bindings.createStringBinding(this::validate, deps.toArray(Observable[]::new));
        anyIterative = Bindings.createBooleanBinding(this::anyIterative, chosen.values().toArray(Observable[]::new));
        epsilonPreview = Bindings.createStringBinding(() -> {
            try {
                return "ε: " + EpsilonList.format(epsilons());
            } catch (IllegalArgumentException e) {
                return "";
            }
        }, mode, from, to, count, list);
    }

    /** The epsilons as entered (0 is added by the engine if missing). */
    public double[] epsilons() {
        return mode.get() == EpsilonMode.RANGE ? EpsilonList.range(from.get(), to.get(), count.get())
                : EpsilonList.list(list.get());
    }

    /**
     * The curve specification.
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public CurveSpec toSpec() {
        String e = validate();
        if (!e.isEmpty()) {
            throw new IllegalArgumentException(e);
        }
        return build();
    }

    private CurveSpec build() {
        List<CurveSpec.Entry> entries = new ArrayList<>();
        long s = Long.parseLong(seed.get().strip());
        chosen.forEach((attack, on) -> {
            if (on.get()) {
                AttackParams p = attack.defaults().withNorm(norm.get()).withSeed(s);
                if (attack.iterative()) {
                    p = p.withSteps(steps.get());
                }
                entries.add(new CurveSpec.Entry(attack.name(), p));
            }
        });
        return new CurveSpec(entries, epsilons(), batchSize.get());
    }

    private String validate() {
        if (chosen.values().stream().noneMatch(BooleanProperty::get)) {
            return "choose at least one attack";
        }
        try {
            Long.parseLong(seed.get() == null ? "" : seed.get().strip());
        } catch (NumberFormatException e) {
            return "seed must be a whole number, got '" + seed.get() + "'";
        }
        if (limit.get() == null || limit.get() < 1) {
            return "limit must be at least 1 image";
        }
        if (steps.get() == null || batchSize.get() == null) {
            return "steps and batch size must be whole numbers";
        }
        try {
            build();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Whether any chosen attack takes several steps (so the steps field matters). */
    public boolean anyIterative() {
        return chosen.entrySet().stream().anyMatch(e -> e.getValue().get() && e.getKey().iterative());
    }

    public javafx.beans.binding.BooleanBinding anyIterativeProperty() {
        return anyIterative;
    }

    public Map<FixedEpsilonAttack, BooleanProperty> chosenAttacks() {
        return chosen;
    }

    /** The names of the ticked attacks, as one setting the session keeps. */
    public ObjectProperty<Set<String>> attackSelectionProperty() {
        return attackSelection;
    }

    /** Chooses exactly the attacks named. */
    public void choose(String... names) {
        List<String> wanted = List.of(names);
        chosen.forEach((a, on) -> on.set(wanted.contains(a.name())));
    }

    /** The IDX image file or class folder, or {@code null} for the bundled evaluation set. */
    public ObjectProperty<Path> dataFileProperty() {
        return dataFile;
    }

    /** The IDX label file, or {@code null} to use the companion file. */
    public ObjectProperty<Path> labelFileProperty() {
        return labelFile;
    }

    public ObjectProperty<Norm> normProperty() {
        return norm;
    }

    public ObjectProperty<Integer> stepsProperty() {
        return steps;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    public ObjectProperty<EpsilonMode> modeProperty() {
        return mode;
    }

    public StringProperty fromProperty() {
        return from;
    }

    public StringProperty toProperty() {
        return to;
    }

    public StringProperty countProperty() {
        return count;
    }

    public StringProperty listProperty() {
        return list;
    }

    public ObjectProperty<Integer> limitProperty() {
        return limit;
    }

    public ObjectProperty<Integer> batchSizeProperty() {
        return batchSize;
    }

    /** What is wrong with the form, or an empty string. */
    public StringBinding errorProperty() {
        return error;
    }

    /** The epsilons that will run, e.g. "ε: 0, 0.05, 0.1", or empty while invalid. */
    public StringBinding epsilonPreviewProperty() {
        return epsilonPreview;
    }
}
