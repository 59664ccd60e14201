package org.advlens.app.faithfulness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.jobs.CurrentJob;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.jobs.JobRunner;
import org.advlens.data.Datasets;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.advlens.saliency.SaliencyMethod;
import org.advlens.saliency.faithfulness.FaithfulnessEvaluation;
import org.advlens.saliency.faithfulness.FaithfulnessMetric;
import org.advlens.saliency.faithfulness.FaithfulnessOptions;
import org.advlens.saliency.faithfulness.FaithfulnessResult;
import org.advlens.saliency.method.SaliencyMethods;

/**
 * State of the Faithfulness view: which saliency methods to score, on how many images of the bundled test set,
 * with how many curve steps and which seed, and whether the bundled robust model is scored too; running the
 * evaluation ({@link FaithfulnessEvaluation}) as a job; the result, the measure the chart shows, and export.
 */
public final class FaithfulnessViewModel {

    /** The methods ticked by default: the cheap gradient methods and Grad-CAM. */
    static final Set<String> DEFAULT_METHODS = Set.of("gradient", "gradient-x-input", "gradcam");
    /** The label of the bundled robust model in the table. */
    public static final String ROBUST_LABEL = "robust (PGD-AT)";

    private final Workspace workspace;
    private final JobRunner jobs;
    private final Notices notices;
    private final ObservableList<MethodChoice> methods = FXCollections.observableArrayList();
    private final ObservableList<MethodChoice> methodsView = FXCollections.unmodifiableObservableList(methods);
    private final ObjectProperty<Integer> images = new SimpleObjectProperty<>(this, "images", 20);
    private final ObjectProperty<Integer> steps = new SimpleObjectProperty<>(this, "steps", 20);
    private final ObjectProperty<Integer> seed = new SimpleObjectProperty<>(this, "seed", 0);
    private final ObjectProperty<Set<String>> methodSelection = new SimpleObjectProperty<>(this, "methodSelection",
            Set.copyOf(DEFAULT_METHODS));
    private boolean syncingBoxes;
    private final BooleanProperty compareWithRobust = new SimpleBooleanProperty(this, "compareWithRobust");
    private final ObjectProperty<FaithfulnessMetric> chartMetric = new SimpleObjectProperty<>(this, "chartMetric",
            FaithfulnessMetric.DELETION_AUC);
    private final CurrentJob<FaithfulnessComparison> job;
    private final BooleanBinding canRun;
    private final BooleanBinding canExport;

    public FaithfulnessViewModel(Workspace workspace, JobRunner jobs, Notices notices) {
        this.workspace = workspace;
        this.jobs = jobs;
        this.notices = notices;
        this.job = new CurrentJob<>(this, jobs);
        this.canRun = Bindings.createBooleanBinding(() -> workspace.modelProperty().get() != null
                && !job.runningProperty().get() && !methods.isEmpty(), workspace.modelProperty(),
                job.runningProperty(), methods);
        this.canExport = job.resultProperty().isNotNull();
        workspace.modelProperty().addListener((o, a, m) -> modelChanged(m));
        methodSelection.addListener((o, a, chosen) -> tick(chosen));
        modelChanged(workspace.model());
    }

    private void modelChanged(Classifier model) {
        job.clearResult();
        List<MethodChoice> offered = new ArrayList<>();
        if (model != null) {
            for (SaliencyMethod m : SaliencyMethods.supported(model)) {
                MethodChoice choice = new MethodChoice(m.name(), m.displayName(), chosen(m.name()));
                choice.selectedProperty().addListener((o, was, on) -> boxTicked(choice.name(), on));
                offered.add(choice);
            }
        }
        methods.setAll(offered);
    }

    private boolean chosen(String method) {
        return methodSelection.get() != null && methodSelection.get().contains(method);
    }

    /** A box was ticked or cleared: the selection follows (names this model does not offer stay in it). */
    private void boxTicked(String method, boolean on) {
        if (syncingBoxes) {
            return;
        }
        Set<String> next = new LinkedHashSet<>(methodSelection.get() == null ? Set.of() : methodSelection.get());
        if (on) {
            next.add(method);
        } else {
            next.remove(method);
        }
        methodSelection.set(Collections.unmodifiableSet(next));
    }

    /** The selection was set (e.g. restored): the boxes follow. */
    private void tick(Set<String> chosen) {
        syncingBoxes = true;
        try {
            methods.forEach(m -> m.selectedProperty().set(chosen != null && chosen.contains(m.name())));
        } finally {
            syncingBoxes = false;
        }
    }

    /**
     * Scores the ticked methods on the first {@link #imagesProperty() n} images of the bundled test set,
     * explaining the predicted class, on the current model and, if asked, the bundled robust model.
     */
    public EngineTask<FaithfulnessComparison> run() {
        if (!canRun.get()) {
            return null;
        }
        List<String> chosen = methods.stream().filter(m -> m.selectedProperty().get()).map(MethodChoice::name)
                .toList();
        if (chosen.isEmpty()) {
            notices.warning("No saliency method chosen", "tick at least one method to score");
            return null;
        }
        FaithfulnessOptions defaults = FaithfulnessOptions.defaults();
        FaithfulnessOptions options;
        try {
            options = new FaithfulnessOptions(steps.get(), defaults.roadNoise(), defaults.subsets(),
                    defaults.subsetFraction(), defaults.sensitivitySamples(), defaults.sensitivityRadius(),
                    defaults.similarity(), seed.get());
        } catch (IllegalArgumentException e) {
            notices.warning("Invalid faithfulness settings", e.getMessage());
            return null;
        }
        Classifier model = workspace.model();
        String label = model.info().name();
        int count = images.get();
        boolean robust = compareWithRobust.get();
        job.clearResult();
        return job.start("Faithfulness of " + chosen.size() + " methods on " + count + " images",
                (progress, token) -> {
                    LabelledDataset data = Datasets.bundledEvaluation(model.inputSpec()).limit(count);
                    int parts = robust ? 2 : 1;
                    List<ModelFaithfulness> tables = new ArrayList<>();
                    tables.add(new ModelFaithfulness(label, model.info(), evaluate(model, data, chosen, options,
                            part(progress, 0, parts, label), token)));
                    if (robust) {
                        try (Classifier other = ModelLoader.bundledRobust()) {
                            tables.add(new ModelFaithfulness(ROBUST_LABEL, other.info(), evaluate(other,
                                    Datasets.bundledEvaluation(other.inputSpec()).limit(count), chosen, options,
                                    part(progress, 1, parts, ROBUST_LABEL), token)));
                        }
                    }
                    return new FaithfulnessComparison(data.source(), tables);
                });
    }

    private static FaithfulnessResult evaluate(Classifier model, LabelledDataset data, List<String> names,
                                               FaithfulnessOptions options, ProgressListener progress,
                                               CancellationToken token) {
        List<SaliencyMethod> chosen = names.stream().map(SaliencyMethods::byName).filter(m -> m.supports(model))
                .toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException(model.info().name() + " supports none of " + names);
        }
        return new FaithfulnessEvaluation(model, data.images(), chosen, options).run(progress, token);
    }

    /** Reports one model's progress as its share of the whole run. */
    private static ProgressListener part(ProgressListener whole, int index, int parts, String label) {
        String prefix = parts > 1 ? label + ": " : "";
        return (fraction, message) -> whole.onProgress(fraction < 0 ? fraction : (index + fraction) / parts,
                prefix + message);
    }

    /** Stops the running job. */
    public void cancel() {
        job.cancel();
    }

    /** Writes the result as JSON or CSV, chosen by the file's extension. */
    public void export(Path file) {
        FaithfulnessComparison r = job.resultProperty().get();
        if (r == null) {
            notices.warning("Nothing to export", "run the faithfulness table to the end first");
            return;
        }
        jobs.submit("Export " + file.getFileName(), (p, t) -> {
            FaithfulnessExport.write(r, file);
            return file;
        }).whenSucceeded(f -> notices.info("Faithfulness table exported", String.valueOf(f)));
    }

    /** The methods the current model supports, each with its check box state. */
    public ObservableList<MethodChoice> methods() {
        return methodsView;
    }

    /**
     * The registry names of the ticked methods, kept when the model changes (a method the new model does not
     * support stays chosen for the next model that does) and by the session.
     */
    public ObjectProperty<Set<String>> methodSelectionProperty() {
        return methodSelection;
    }

    /** How many images of the bundled test set to score on. */
    public ObjectProperty<Integer> imagesProperty() {
        return images;
    }

    /** Steps of the deletion, insertion and ROAD curves. */
    public ObjectProperty<Integer> stepsProperty() {
        return steps;
    }

    /** Seed of every random choice of the evaluation. */
    public ObjectProperty<Integer> seedProperty() {
        return seed;
    }

    /** Whether the bundled robust model is scored beside the current one. */
    public BooleanProperty compareWithRobustProperty() {
        return compareWithRobust;
    }

    /** The measure the chart shows. */
    public ObjectProperty<FaithfulnessMetric> chartMetricProperty() {
        return chartMetric;
    }

    public ReadOnlyObjectProperty<FaithfulnessComparison> resultProperty() {
        return job.resultProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }

    /** The running job's step, or how the last one ended. */
    public javafx.beans.value.ObservableStringValue messageProperty() {
        return job.messageProperty();
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }

    /** Whether there is a result to export. */
    public BooleanBinding canExportProperty() {
        return canExport;
    }
}
