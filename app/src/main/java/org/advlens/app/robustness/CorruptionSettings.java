package org.advlens.app.robustness;

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
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.advlens.app.session.CheckedNames;
import org.advlens.corruption.Corruption;
import org.advlens.eval.CorruptionEvaluation;

/**
 * The corruptions form: all corruptions or a chosen few, the severities as a range or list, seed, batch and
 * images. {@link #errorProperty()} is empty when {@link #options()} and {@link #limit()} would succeed.
 */
public final class CorruptionSettings {

    private final BooleanProperty all = new SimpleBooleanProperty(this, "all", true);
    private final Map<Corruption, BooleanProperty> chosen = new LinkedHashMap<>();
    private final StringProperty severities = new SimpleStringProperty(this, "severities", "1-5");
    private final StringProperty seed = new SimpleStringProperty(this, "seed", "0");
    private final StringProperty batch = new SimpleStringProperty(this, "batch", "250");
    private final StringProperty limit = new SimpleStringProperty(this, "limit", "200");
    private final CheckedNames corruptionSelection;
    private final StringBinding error;

    public CorruptionSettings() {
        for (Corruption c : Corruption.values()) {
            chosen.put(c, new SimpleBooleanProperty(this, c.id(), c.category() == Corruption.Category.NOISE));
        }
        Map<String, BooleanProperty> byId = new LinkedHashMap<>();
        chosen.forEach((c, on) -> byId.put(c.id(), on));
        corruptionSelection = new CheckedNames(this, "corruptionSelection", byId);
        List<Observable> deps = new ArrayList<>(List.of(all, severities, seed, batch, limit));
        deps.addAll(chosen.values());
        error = Bindings.createStringBinding(() -> Fields.problem(() -> {
            options();
            limit();
        }), deps.toArray(Observable[]::new));
    }

    /**
     * The evaluation's options (the default spatial scale for the input size).
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public CorruptionEvaluation.Options options() {
        List<Corruption> list = corruptions();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("choose at least one corruption, or all");
        }
        return new CorruptionEvaluation.Options(list, severities(severities.get()), Fields.seed(seed.get()),
                Fields.whole("batch", batch.get(), 1, 100_000), Double.NaN);
    }

    /** The corruptions to run, in the reference's order. */
    public List<Corruption> corruptions() {
        return all.get() ? List.of(Corruption.values()) : chosen.entrySet().stream().filter(e -> e.getValue().get())
                .map(Map.Entry::getKey).toList();
    }

    public int limit() {
        return Fields.whole("limit", limit.get(), 1, 1_000_000);
    }

    /** Severities as "1-5", "3" or "1,3,5" (ranges and single values separated by commas). */
    static int[] severities(String text) {
        List<Integer> out = new ArrayList<>();
        try {
            for (String part : (text == null ? "" : text).split(",")) {
                String p = part.strip();
                int dash = p.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).strip());
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).strip());
                if (to < from || from < 1 || to > Corruption.MAX_SEVERITY) {
                    throw new NumberFormatException();
                }
                for (int s = from; s <= to; s++) {
                    out.add(s);
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("severities must be 1 to 5 as a range or list, such as 1-5 or 1,3,5;"
                    + " got '" + text + "'");
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Whether every corruption runs (else only the chosen ones). */
    public BooleanProperty allProperty() {
        return all;
    }

    public Map<Corruption, BooleanProperty> chosenCorruptions() {
        return chosen;
    }

    /** The ids of the ticked corruptions (used when "all" is off), as one setting the session keeps. */
    public ObjectProperty<Set<String>> corruptionSelectionProperty() {
        return corruptionSelection;
    }

    /** Chooses exactly the corruptions named by their ids, and turns "all" off. */
    public void choose(String... ids) {
        List<String> wanted = List.of(ids);
        chosen.forEach((c, on) -> on.set(wanted.contains(c.id())));
        all.set(false);
    }

    public StringProperty severitiesProperty() {
        return severities;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    public StringProperty batchProperty() {
        return batch;
    }

    public StringProperty limitProperty() {
        return limit;
    }

    /** What is wrong with the form, or an empty string. */
    public StringBinding errorProperty() {
        return error;
    }
}
