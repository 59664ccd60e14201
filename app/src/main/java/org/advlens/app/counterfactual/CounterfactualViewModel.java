package org.advlens.app.counterfactual;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.advlens.app.common.ImageItem;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.jobs.CurrentJob;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.jobs.JobRunner;
import org.advlens.app.usecase.FindCounterfactual;
import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackParams;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.catalog.Attacks;
import org.advlens.counterfactual.Autoencoder;
import org.advlens.counterfactual.Counterfactual;
import org.advlens.counterfactual.CounterfactualMethod;
import org.advlens.counterfactual.LatentCounterfactual;
import org.advlens.counterfactual.PixelCounterfactual;
import org.advlens.counterfactual.PlausibilityMeasures;
import org.advlens.counterfactual.ReferenceSet;
import org.advlens.data.FashionMnist;
import org.advlens.eval.Prediction;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;

/**
 * The counterfactual view's state and commands: search counterfactuals of the selected image towards the chosen
 * class (a job on the engine thread), measure how plausible they are, scrub along the search's path, run a
 * targeted PGD attack to the same class for comparison, and export.
 */
public final class CounterfactualViewModel {

    /** L-inf budget of the comparison attack, as a fraction of the pixel range. */
    public static final double COMPARISON_EPSILON = 0.1;
    /** Steps of the comparison attack. */
    public static final int COMPARISON_STEPS = 40;

    private final Workspace workspace;
    private final JobRunner jobs;
    private final Notices notices;
    private final CounterfactualSettings settings = new CounterfactualSettings();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final CurrentJob<CounterfactualResult> search;
    private final CurrentJob<AdversarialComparison> comparison;
    private final ReadOnlyObjectWrapper<AdversarialComparison> adversarial = new ReadOnlyObjectWrapper<>(this,
            "adversarial");
    private final IntegerProperty shown = new SimpleIntegerProperty(this, "shown", 0);
    private final BooleanProperty differenceFromStart = new SimpleBooleanProperty(this, "differenceFromStart", false);
    private final IntegerProperty pathIndex = new SimpleIntegerProperty(this, "pathIndex", 0);
    private final BooleanBinding canRun;
    private final StringBinding status;
    /** Engine-thread state: the reference set for the bundled kind of model. */
    private ReferenceSet reference;
    private final GeneratorViewModel generator;

    public CounterfactualViewModel(Workspace workspace, JobRunner jobs, Notices notices) {
        this.workspace = workspace;
        this.jobs = jobs;
        this.notices = notices;
        this.search = new CurrentJob<>(this, jobs);
        this.comparison = new CurrentJob<>(this, jobs);
        running.bind(search.runningProperty().or(comparison.runningProperty()));
        this.generator = new GeneratorViewModel(workspace, jobs, notices, this::clear);
        workspace.modelInfoProperty().addListener((o, a, info) -> {
            if (info != null) {
                settings.useClasses(info.classNames());
            }
            clear();
        });
        if (workspace.modelInfo() != null) {
            settings.useClasses(workspace.modelInfo().classNames());
        }
        workspace.imageProperty().addListener((o, a, b) -> clear());
        canRun = Bindings.createBooleanBinding(() -> workspace.readyProperty().get() && !running.get()
                && settings.errorProperty().get().isEmpty(), workspace.readyProperty(), running,
                settings.errorProperty());
        status = Bindings.createStringBinding(this::describeState, workspace.readyProperty(),
                settings.errorProperty(), running, search.resultProperty());
        search.resultProperty().addListener((o, a, r) -> {
            shown.set(0);
            pathIndex.set(r == null ? 0 : r.items().get(0).counterfactual().path().size() - 1);
        });
        shown.addListener((o, a, i) -> {
            CounterfactualResult r = search.resultProperty().get();
            if (r != null && i.intValue() < r.items().size()) {
                pathIndex.set(r.items().get(i.intValue()).counterfactual().path().size() - 1);
            }
        });
    }

    private void clear() {
        search.clearResult();
        adversarial.set(null);
    }

    /** Searches the counterfactuals with the current settings. */
    public EngineTask<CounterfactualResult> runCounterfactual() {
        if (!canRun.get()) {
            return null;
        }
        Classifier model = workspace.model();
        ImageItem image = workspace.image();
        int target = settings.targetClassProperty().get();
        CounterfactualSettings.Kind kind = settings.kindProperty().get();
        PixelCounterfactual.Options pixelOptions = settings.pixelOptions();
        LatentCounterfactual.Options latentOptions = settings.latentOptions();
        adversarial.set(null);
        String title = "Counterfactual " + image.name() + " → " + settings.classNames().get(target);
        return search.start(title, (progress, token) -> {
            progress.onProgress(-1, "preparing");
            boolean bundledKind = model.inputSpec().equals(InputSpec.grey(28, 28))
                    && model.classNames().equals(FashionMnist.CLASS_NAMES);
            if (bundledKind && reference == null) {
                reference = ReferenceSet.bundled(model.inputSpec());
            }
            Autoencoder ae = generator.forSearch(bundledKind);
            if (kind.needsAutoencoder() && ae == null) {
                throw new IllegalArgumentException("on-manifold counterfactuals need a generative model of "
                        + model.info().name() + "'s data; the bundled autoencoder fits only the 28x28 grey"
                        + " Fashion-MNIST models. Train one with advlens train-generator and load it (Generator:"
                        + " Load…), or choose pixel space.");
            }
            List<CounterfactualMethod> methods = new ArrayList<>();
            if (kind != CounterfactualSettings.Kind.LATENT) {
                methods.add(new PixelCounterfactual(pixelOptions));
            }
            if (kind.needsAutoencoder()) {
                methods.add(new LatentCounterfactual(ae, latentOptions));
            }
            PlausibilityMeasures measures = new PlausibilityMeasures(ae, bundledKind ? reference : null,
                    PlausibilityMeasures.DEFAULT_CHANGE_THRESHOLD, model.inputSpec().range());
            FindCounterfactual.Result found = new FindCounterfactual(new FindCounterfactual.Request(model,
                    image.fitted(), new int[] {target}, methods, measures)).run(progress, token);
            List<CounterfactualResult.Item> items = found.found().stream().map(f -> new CounterfactualResult.Item(
                    f.method().displayName(), f.method().parameters(), f.counterfactuals().get(0),
                    f.plausibility().get(0))).toList();
            return new CounterfactualResult(image, model.info(), items);
        });
    }

    /** Runs targeted PGD towards the counterfactual's target class on the same image, to compare. */
    public EngineTask<AdversarialComparison> compareWithAdversarial() {
        CounterfactualResult r = search.resultProperty().get();
        if (r == null || running.get()) {
            return null;
        }
        Classifier model = workspace.model();
        Counterfactual c = r.items().get(0).counterfactual();
        int target = c.targetClass();
        double eps = COMPARISON_EPSILON * model.inputSpec().range();
        EngineTask<AdversarialComparison> task = comparison.start("PGD → " + r.className(target) + " on "
                + r.image().name(), (progress, token) -> {
                    progress.onProgress(-1, "targeted PGD, ε=" + eps);
                    AttackParams params = AttackParams.defaults().withSteps(COMPARISON_STEPS).withTarget(target);
                    AttackOutcome outcome = AttackRunner.run(Attacks.byName("pgd"), model, c.original(),
                            new int[] {c.originalClass()}, new double[] {eps}, params, token).get(0);
                    return new AdversarialComparison(target, outcome, Prediction.of(model, outcome.adversarial())[0]);
                });
        task.whenSucceeded(a -> {
            if (search.resultProperty().get() == r) {
                adversarial.set(a);
            }
        });
        return task;
    }

    /**
     * Shows a result kept by the session (after an unclean end), computed on the selected image; ignored while a
     * search runs or when another image is selected.
     */
    public void restoreResult(CounterfactualResult restored) {
        if (!search.runningProperty().get() && restored.image() == workspace.image()) {
            search.restoreResult(restored);
        }
    }

    public void cancel() {
        search.cancel();
        comparison.cancel();
    }

    /** Writes the pictures and counterfactual.json to {@code folder}. */
    public EngineTask<List<Path>> exportTo(Path folder) {
        CounterfactualResult r = search.resultProperty().get();
        if (r == null) {
            notices.warning("Nothing to export", "find a counterfactual first");
            return null;
        }
        AdversarialComparison a = adversarial.get();
        return jobs.submit("Export counterfactual to " + folder.getFileName(), (p, t) ->
                CounterfactualExport.write(r, a, folder))
                .whenSucceeded(files -> notices.info("Counterfactual exported", files.size() + " files in " + folder));
    }

    /** The generator of the on-manifold search: bundled, loaded or trained here. */
    public GeneratorViewModel generator() {
        return generator;
    }

    /** The item shown, or {@code null}. */
    public CounterfactualResult.Item shownItem() {
        CounterfactualResult r = search.resultProperty().get();
        return r == null ? null : r.items().get(Math.max(0, Math.min(shown.get(), r.items().size() - 1)));
    }

    /** "Target reached: Coat (93.1 %) in 57 steps" or why not. */
    public static String verdict(CounterfactualResult r, Counterfactual c) {
        String p = String.format(Locale.ROOT, "%.1f %%", 100 * c.targetProbability());
        return c.success() ? "Target reached: " + r.className(c.targetClass()) + " (" + p + ") in " + c.steps()
                + " steps" : "Target " + r.className(c.targetClass()) + " not reached after " + c.steps()
                + " steps: " + r.className(c.predictedClass()) + ", target at " + p;
    }

    private String describeState() {
        if (running.get()) {
            return "Running…";
        }
        if (!workspace.readyProperty().get()) {
            return workspace.model() == null ? "Load a model to start" : "Choose an image from the gallery";
        }
        if (!settings.errorProperty().get().isEmpty()) {
            return settings.errorProperty().get();
        }
        return search.resultProperty().get() == null ? "Ready: press Run (Ctrl+R)" : "Done";
    }

    public CounterfactualSettings settings() {
        return settings;
    }

    public Workspace workspace() {
        return workspace;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CounterfactualResult> resultProperty() {
        return search.resultProperty();
    }

    public ReadOnlyObjectProperty<AdversarialComparison> adversarialProperty() {
        return adversarial.getReadOnlyProperty();
    }

    /** Which item of the result is shown (pixel or latent when both ran). */
    public IntegerProperty shownProperty() {
        return shown;
    }

    /**
     * Whether the difference map of an on-manifold counterfactual subtracts the original's reconstruction (the
     * search's start) rather than the original.
     */
    public BooleanProperty differenceFromStartProperty() {
        return differenceFromStart;
    }

    /** The point of the shown item's path that the slider is on. */
    public IntegerProperty pathIndexProperty() {
        return pathIndex;
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }

    public StringBinding statusProperty() {
        return status;
    }
}
