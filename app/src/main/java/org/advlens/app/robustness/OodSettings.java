package org.advlens.app.robustness;

import java.nio.file.Files;
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
import javafx.beans.property.ListProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleListProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.advlens.app.session.CheckedNames;
import org.advlens.data.FashionMnist;
import org.advlens.eval.ood.BuiltInOodSet;
import org.advlens.eval.ood.Odin;
import org.advlens.eval.ood.OodEvaluation;
import org.advlens.eval.ood.OodScore;

/**
 * The OOD form: the built-in out-of-distribution sets and any image files or folders, the scores and their
 * settings, histogram bins, batch, images and seed. {@link #errorProperty()} is empty when {@link #options()},
 * {@link #limit()} and {@link #seed()} would succeed and at least one set is chosen.
 */
public final class OodSettings {

    /** Images of Debian's Fashion-MNIST training set the Mahalanobis score is fitted on. */
    static final int FIT_LIMIT = 2000;

    private final Map<BuiltInOodSet, BooleanProperty> builtIn = new LinkedHashMap<>();
    private final ListProperty<Path> files = new SimpleListProperty<>(this, "files",
            FXCollections.observableArrayList());
    private final Map<OodScore, BooleanProperty> scores = new LinkedHashMap<>();
    private final StringProperty energyTemperature = new SimpleStringProperty(this, "energyTemperature", "1");
    private final StringProperty odinTemperature = new SimpleStringProperty(this, "odinTemperature", "1000");
    private final StringProperty odinEpsilon = new SimpleStringProperty(this, "odinEpsilon", "0.0014");
    private final StringProperty bins = new SimpleStringProperty(this, "bins", "30");
    private final StringProperty batch = new SimpleStringProperty(this, "batch", "250");
    private final StringProperty limit = new SimpleStringProperty(this, "limit", "500");
    private final StringProperty seed = new SimpleStringProperty(this, "seed", "0");
    private final CheckedNames setSelection;
    private final CheckedNames scoreSelection;
    private final StringBinding error;

    public OodSettings() {
        for (BuiltInOodSet s : BuiltInOodSet.values()) {
            builtIn.put(s, new SimpleBooleanProperty(this, s.id(), true));
        }
        for (OodScore s : OodScore.values()) {
            scores.put(s, new SimpleBooleanProperty(this, s.id(), s != OodScore.MAHALANOBIS));
        }
        Map<String, BooleanProperty> setsById = new LinkedHashMap<>();
        builtIn.forEach((s, on) -> setsById.put(s.id(), on));
        setSelection = new CheckedNames(this, "setSelection", setsById);
        Map<String, BooleanProperty> scoresById = new LinkedHashMap<>();
        scores.forEach((s, on) -> scoresById.put(s.id(), on));
        scoreSelection = new CheckedNames(this, "scoreSelection", scoresById);
        List<Observable> deps = new ArrayList<>(List.of(files, energyTemperature, odinTemperature, odinEpsilon, bins,
                batch, limit, seed));
        deps.addAll(builtIn.values());
        deps.addAll(scores.values());
        error = Bindings.createStringBinding(() -> Fields.problem(() -> {
            options();
            limit();
            seed();
            if (chosenBuiltIn().isEmpty() && files.isEmpty()) {
                throw new IllegalArgumentException("choose at least one OOD set");
            }
            if (chosenScores().contains(OodScore.MAHALANOBIS) && !Files.isDirectory(FashionMnist.DEBIAN_DIR)) {
                throw new IllegalArgumentException("the Mahalanobis score is fitted on Debian's Fashion-MNIST"
                        + " training set (dataset-fashion-mnist), which is not installed; leave it out");
            }
        }), deps.toArray(Observable[]::new));
    }

    /**
     * The evaluation's options (the default Mahalanobis layer and ridge).
     *
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public OodEvaluation.Options options() {
        return new OodEvaluation.Options(chosenScores(), Fields.number("energy temperature", energyTemperature.get()),
                new Odin.Options(Fields.number("ODIN temperature", odinTemperature.get()),
                        Fields.number("ODIN epsilon", odinEpsilon.get())), null, 1e-6,
                Fields.whole("batch", batch.get(), 1, 100_000), Fields.whole("bins", bins.get(), 1, 10_000));
    }

    public List<OodScore> chosenScores() {
        return scores.entrySet().stream().filter(e -> e.getValue().get()).map(Map.Entry::getKey).toList();
    }

    public List<BuiltInOodSet> chosenBuiltIn() {
        return builtIn.entrySet().stream().filter(e -> e.getValue().get()).map(Map.Entry::getKey).toList();
    }

    public int limit() {
        return Fields.whole("limit", limit.get(), 1, 1_000_000);
    }

    public long seed() {
        return Fields.seed(seed.get());
    }

    public Map<BuiltInOodSet, BooleanProperty> builtInSets() {
        return builtIn;
    }

    /** Image files, IDX files or folders of images used as further OOD sets. */
    public ObservableList<Path> files() {
        return files;
    }

    /** The same files as a property, so the session keeps them with the other settings. */
    public ListProperty<Path> filesProperty() {
        return files;
    }

    public Map<OodScore, BooleanProperty> scores() {
        return scores;
    }

    /** The ids of the ticked built-in OOD sets, as one setting the session keeps. */
    public ObjectProperty<Set<String>> setSelectionProperty() {
        return setSelection;
    }

    /** The ids of the ticked scores, as one setting the session keeps. */
    public ObjectProperty<Set<String>> scoreSelectionProperty() {
        return scoreSelection;
    }

    /** Chooses exactly the scores and built-in sets named by their ids. */
    public void choose(List<String> scoreIds, List<String> setIds) {
        scores.forEach((s, on) -> on.set(scoreIds.contains(s.id())));
        builtIn.forEach((s, on) -> on.set(setIds.contains(s.id())));
    }

    public StringProperty energyTemperatureProperty() {
        return energyTemperature;
    }

    public StringProperty odinTemperatureProperty() {
        return odinTemperature;
    }

    public StringProperty odinEpsilonProperty() {
        return odinEpsilon;
    }

    public StringProperty binsProperty() {
        return bins;
    }

    public StringProperty batchProperty() {
        return batch;
    }

    public StringProperty limitProperty() {
        return limit;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    /** What is wrong with the form, or an empty string. */
    public StringBinding errorProperty() {
        return error;
    }
}
