package org.advlens.app.sanity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.jobs.CurrentJob;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.jobs.JobRunner;
import org.advlens.app.usecase.CheckSaliencySanity;
import org.advlens.data.Datasets;
import org.advlens.data.FashionMnist;
import org.advlens.data.LabelledDataset;
import org.advlens.job.Job;
import org.advlens.model.Classifier;
import org.advlens.saliency.SaliencyMethod;
import org.advlens.saliency.Target;
import org.advlens.saliency.sanity.DataRandomizationCheck;
import org.advlens.saliency.sanity.DataRandomizationResult;
import org.advlens.saliency.sanity.ParameterRandomizationCheck;
import org.advlens.saliency.sanity.SanityCheckResult;
import org.advlens.saliency.similarity.SimilarityMetric;

/**
 * The sanity-check view's state and commands (Adebayo et al., 2018): run the model parameter randomization test
 * on the first images of the bundled evaluation set, or the much slower data randomization test, as jobs with
 * progress and cancel; keep the result, the metric the curves show and the image the grid shows; export.
 */
public final class SanityViewModel {

    /** Roughly how long the data randomization test takes on a laptop, for the warning. */
    public static final String DATA_RANDOMIZATION_DURATION = "about 5 minutes";

    private final Workspace workspace;
    private final JobRunner jobs;
    private final Notices notices;
    private final SanitySettings settings = new SanitySettings();
    private final ObjectProperty<SimilarityMetric> metric = new SimpleObjectProperty<>(this, "metric",
            SimilarityMetric.SPEARMAN_ABS);
    private final IntegerProperty gridImage = new SimpleIntegerProperty(this, "gridImage", 0);
    private final CurrentJob<SanityRun> job;
    private final BooleanBinding canRun;

    public SanityViewModel(Workspace workspace, JobRunner jobs, Notices notices) {
        this.workspace = workspace;
        this.jobs = jobs;
        this.notices = notices;
        this.job = new CurrentJob<>(this, jobs);
        canRun = Bindings.createBooleanBinding(() -> workspace.model() != null && !job.runningProperty().get()
                && settings.errorProperty().get().isEmpty(), workspace.modelProperty(), job.runningProperty(),
                settings.errorProperty());
        workspace.modelProperty().addListener((o, a, b) -> job.clearResult());
        job.resultProperty().addListener((o, a, r) -> gridImage.set(0));
    }

    /** Runs the parameter randomization test with the current settings. */
    public EngineTask<SanityRun> runCheck() {
        if (!canRun.get()) {
            return null;
        }
        List<SaliencyMethod> methods = settings.methods();
        ParameterRandomizationCheck.Options options = settings.options();
        int count = settings.imagesProperty().get();
        Classifier model = workspace.model();
        String title = String.format(Locale.ROOT, "Sanity check, %s (%d method%s, %d image%s)",
                options.randomization().label(), methods.size(), methods.size() == 1 ? "" : "s", count,
                count == 1 ? "" : "s");
        return start(title, (p, token) -> {
            p.onProgress(-1, "loading " + count + " evaluation images");
            LabelledDataset data = Datasets.bundledEvaluation(model.inputSpec()).limit(count);
            SanityCheckResult r = new CheckSaliencySanity(new CheckSaliencySanity.Request(model, data,
                    Target.predicted(), methods, new CheckSaliencySanity.ParameterRandomization(options)))
                    .run(p, token).comparison();
            return new SanityRun(r, data.images(), model.inputSpec(), data.source(), "");
        });
    }

    /**
     * Runs the data randomization test: trains a copy of the bundled architecture on permuted labels
     * ({@value #DATA_RANDOMIZATION_DURATION}) and compares the maps of both models.
     */
    public EngineTask<SanityRun> runDataRandomization() {
        if (!canRun.get()) {
            return null;
        }
        List<SaliencyMethod> methods = settings.methods();
        int count = settings.imagesProperty().get();
        long seed = settings.seedValue();
        Classifier model = workspace.model();
        return start("Data randomization test (" + count + " images)", (p, token) -> {
            if (!Files.isDirectory(FashionMnist.DEBIAN_DIR)) {
                throw new IllegalArgumentException("the data randomization test trains on Fashion-MNIST, not found"
                        + " in " + FashionMnist.DEBIAN_DIR + "; install the Debian package dataset-fashion-mnist");
            }
            p.onProgress(-1, "loading the training set");
            LabelledDataset train = FashionMnist.train(FashionMnist.DEBIAN_DIR);
            LabelledDataset data = Datasets.bundledEvaluation(model.inputSpec()).limit(count);
            DataRandomizationCheck.Options defaults = DataRandomizationCheck.Options.defaults();
            DataRandomizationResult d = new CheckSaliencySanity(new CheckSaliencySanity.Request(model, data,
                    Target.predicted(), methods, new CheckSaliencySanity.DataRandomization(train,
                            new DataRandomizationCheck.Options(defaults.trainImages(), defaults.epochs(),
                                    defaults.batchSize(), defaults.learningRate(), seed))))
                    .run(p, token).dataRandomization();
            String note = String.format(Locale.ROOT, "Permuted-label model memorised %.1f %% of %d training labels in"
                    + " %d epochs; its accuracy on the true labels is %.1f %%.", 100 * d.permutedTrainAccuracy(),
                    d.trainImages(), d.epochs(), 100 * d.permutedModelAccuracy());
            return new SanityRun(d.comparison(), data.images(), model.inputSpec(), data.source(), note);
        });
    }

    private EngineTask<SanityRun> start(String title, Job<SanityRun> check) {
        return job.start(title, check);
    }

    public void cancel() {
        job.cancel();
    }

    /** Writes the grid of the image shown to a PNG file. */
    public EngineTask<Path> exportGrid(Path file) {
        SanityRun r = job.resultProperty().get();
        if (r == null) {
            notices.warning("Nothing to export", "run a sanity check first");
            return null;
        }
        int image = gridImage.get();
        return jobs.submit("Export sanity grid", (p, t) -> SanityExport.grid(r, image, file))
                .whenSucceeded(f -> notices.info("Grid exported", f.toString()));
    }

    /** Writes the curves as JSON, CSV or a PNG chart of the current metric, by the file's extension. */
    public EngineTask<Path> exportCurves(Path file) {
        SanityRun r = job.resultProperty().get();
        if (r == null) {
            notices.warning("Nothing to export", "run a sanity check first");
            return null;
        }
        SimilarityMetric m = metric.get();
        return jobs.submit("Export sanity curves", (p, t) -> SanityExport.curves(r, m, file))
                .whenSucceeded(f -> notices.info("Curves exported", f.toString()));
    }

    /** A line under the grid: the mean similarity of each method at the last step, in the current metric. */
    public static String summary(SanityCheckResult r, SimilarityMetric metric) {
        StringBuilder sb = new StringBuilder(metric.label()).append(" with the original map at \"")
                .append(r.steps().get(r.steps().size() - 1)).append("\": ");
        for (int m = 0; m < r.methods().size(); m++) {
            sb.append(m == 0 ? "" : ", ").append(r.methods().get(m)).append(String.format(Locale.ROOT, " %.2f",
                    r.mean(m, r.steps().size() - 1, metric)));
        }
        return sb.append(". Values near 1 mean the map ignores what the model learned.").toString();
    }

    public SanitySettings settings() {
        return settings;
    }

    public ObjectProperty<SimilarityMetric> metricProperty() {
        return metric;
    }

    /** Which image's maps the grid shows (index into the run's images). */
    public IntegerProperty gridImageProperty() {
        return gridImage;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }

    public ReadOnlyObjectProperty<SanityRun> resultProperty() {
        return job.resultProperty();
    }

    public DoubleProperty progressProperty() {
        return job.progressProperty();
    }

    public StringProperty messageProperty() {
        return job.messageProperty();
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }
}
