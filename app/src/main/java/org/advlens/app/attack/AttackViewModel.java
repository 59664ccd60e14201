package org.advlens.app.attack;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.advlens.app.common.Formats;
import org.advlens.app.common.ImageItem;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.jobs.CurrentJob;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.jobs.JobRunner;
import org.advlens.app.usecase.AttackImage;
import org.advlens.attack.AttackParams;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.MinimizationAttack;
import org.advlens.attack.MinimizationParams;
import org.advlens.eval.Prediction;
import org.advlens.job.Job;
import org.advlens.model.Classifier;

/**
 * The attack view's state and commands: run the chosen attack on the selected image (on the engine thread),
 * keep the result, and export it. The texts the view shows are derived here.
 */
public final class AttackViewModel {

    private final Workspace workspace;
    private final JobRunner jobs;
    private final Notices notices;
    private final AttackSettings settings = new AttackSettings();
    private final MinimumNormSettings minimumNorm = new MinimumNormSettings();
    private final CurrentJob<AttackResult> job;
    private final ReadOnlyObjectWrapper<Prediction> cleanPrediction = new ReadOnlyObjectWrapper<>(this, "cleanPrediction");
    private final BooleanBinding canRun;
    private final StringBinding status;

    public AttackViewModel(Workspace workspace, JobRunner jobs, Notices notices) {
        this.workspace = workspace;
        this.jobs = jobs;
        this.notices = notices;
        this.job = new CurrentJob<>(this, jobs);
        workspace.modelInfoProperty().addListener((o, a, info) -> {
            if (info != null) {
                settings.useModel(info.input(), info.classNames());
            }
            job.clearResult();
        });
        if (workspace.modelInfo() != null) {
            settings.useModel(workspace.modelInfo().input(), workspace.modelInfo().classNames());
        }
        workspace.imageProperty().addListener((o, a, b) -> {
            AttackResult shown = job.resultProperty().get();
            if (shown != null && b != null && shown.image() != b) {
                job.clearResult();
            }
        });
        workspace.modelProperty().addListener((o, a, b) -> predictClean());
        workspace.imageProperty().addListener((o, a, b) -> predictClean());
        canRun = Bindings.createBooleanBinding(
                () -> workspace.readyProperty().get() && formError().isEmpty(), workspace.readyProperty(),
                settings.errorProperty(), minimumNorm.errorProperty(), minimumNorm.enabledProperty());
        status = Bindings.createStringBinding(this::describeState, workspace.readyProperty(),
                settings.errorProperty(), minimumNorm.errorProperty(), minimumNorm.enabledProperty(), job.runningProperty(),
                job.resultProperty());
    }

    /** What is wrong with the form of the chosen kind of attack, or an empty string. */
    private String formError() {
        String common = minimumNorm.enabledProperty().get() && settings.targetedProperty().get()
                && settings.errorProperty().get().equals("choose a target class") ? settings.errorProperty().get() : "";
        if (!common.isEmpty()) {
            return common;
        }
        return minimumNorm.enabledProperty().get() ? minimumNorm.errorProperty().get() : settings.errorProperty().get();
    }

    /**
     * Runs the attack with the current settings on the selected image: the fixed-budget attack at epsilon, or the
     * minimum-norm attack when {@link MinimumNormSettings#enabledProperty()} is on. A run still going is cancelled
     * first.
     */
    public EngineTask<AttackResult> runAttack() {
        if (!canRun.get()) {
            return null;
        }
        Classifier model = workspace.model();
        ImageItem image = workspace.image();
        if (minimumNorm.enabledProperty().get()) {
            int target = settings.targetedProperty().get() ? settings.targetClassProperty().get()
                    : AttackParams.UNTARGETED;
            long seed = parseSeed(settings.seedProperty().get());
            MinimizationAttack attack = minimumNorm.resolvedAttack();
            MinimizationParams params = minimumNorm.toParams(target, seed);
            return job.start(attack.name().toUpperCase(Locale.ROOT) + " (minimum-norm) on " + image.name(),
                    attackJob(model, image, () -> new AttackImage.MinimumNorm(attack, params)));
        }
        FixedEpsilonAttack attack = settings.attackProperty().get();
        AttackParams params = settings.toParams();
        double eps = settings.epsilonProperty().get();
        String title = attack.name().toUpperCase(Locale.ROOT) + " ε=" + AttackSettings.format(eps) + " on "
                + image.name();
        return job.start(title, attackJob(model, image, () -> new AttackImage.FixedBudget(attack, eps, params)));
    }

    /**
     * The shared attack use case on the image, labelled by its true class when the model has it, then the heatmap
     * the view adds. The request is built on the engine thread, so a bad one fails the job with its message.
     */
    static Job<AttackResult> attackJob(Classifier model, ImageItem image, Supplier<AttackImage.Budget> budget) {
        return (progress, token) -> {
            int label = image.labelled() && image.label() < model.numClasses() ? image.label()
                    : AttackImage.Request.FROM_PREDICTION;
            AttackImage.Budget chosen = budget.get();
            AttackImage.Result r = new AttackImage(new AttackImage.Request(model, image.fitted(), label, chosen))
                    .run(progress, token);
            Heatmap heatmap = Heatmap.of(image.fitted(), r.outcome().adversarial());
            return new AttackResult(image, model.info(), chosen.displayName(), r.label(), r.labelFromPrediction(),
                    r.before(), r.after(), r.outcome(), r.amplified(), heatmap, r.minimalDistance(),
                    r.distanceMeasure());
        };
    }

    private static long parseSeed(String text) {
        try {
            return Long.parseLong(text == null ? "0" : text.strip());
        } catch (NumberFormatException e) {
            return 0L;
        }
    }

    /** Predicts the selected image without attack, so its probabilities show before any run. */
    private void predictClean() {
        cleanPrediction.set(null);
        if (!workspace.readyProperty().get()) {
            return;
        }
        Classifier model = workspace.model();
        ImageItem image = workspace.image();
        jobs.submitQuietly("Predict " + image.name(), (p, t) -> Prediction.of(model, image.fitted())[0])
                .whenSucceeded(p -> {
                    if (workspace.image() == image && workspace.model() == model) {
                        cleanPrediction.set(p);
                    }
                });
    }

    /** The epsilon slider was released: re-run if there is already a result to compare with. */
    public void epsilonCommitted() {
        if (job.resultProperty().get() != null && canRun.get() && !minimumNorm.enabledProperty().get()) {
            runAttack();
        }
    }

    /**
     * Shows a result kept by the session (after an unclean end), computed on the selected image; ignored while an
     * attack runs or when another image is selected.
     */
    public void restoreResult(AttackResult restored) {
        if (!job.runningProperty().get() && restored.image() == workspace.image()) {
            job.restoreResult(restored);
        }
    }

    /** Cancels the running attack, if any. */
    public void cancel() {
        job.cancel();
    }

    /** Writes the current result to {@code folder}: original, adversarial, perturbation and heatmap PNGs and JSON. */
    public EngineTask<List<Path>> exportTo(Path folder) {
        AttackResult r = job.resultProperty().get();
        if (r == null) {
            notices.warning("Nothing to export", "run an attack first");
            return null;
        }
        return jobs.submit("Export attack to " + folder.getFileName(), (p, t) -> AttackExport.write(r, folder))
                .whenSucceeded(files -> notices.info("Attack exported", files.size() + " files in " + folder));
    }

    private String describeState() {
        if (job.runningProperty().get()) {
            return "Running…";
        }
        if (!workspace.readyProperty().get()) {
            return workspace.model() == null ? "Load a model to start" : "Choose an image from the gallery";
        }
        if (!formError().isEmpty()) {
            return formError();
        }
        return job.resultProperty().get() == null ? "Ready: press Run (Ctrl+R)" : "Done";
    }

    public AttackSettings settings() {
        return settings;
    }

    /** The minimum-norm attack's settings; on, they replace the fixed-budget attack and its epsilon. */
    public MinimumNormSettings minimumNorm() {
        return minimumNorm;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }

    public ReadOnlyObjectProperty<AttackResult> resultProperty() {
        return job.resultProperty();
    }

    /** The model's prediction on the selected clean image, or {@code null} while unknown. */
    public ReadOnlyObjectProperty<Prediction> cleanPredictionProperty() {
        return cleanPrediction.getReadOnlyProperty();
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }

    /** A line about what the user can do next, or what is wrong. */
    public StringBinding statusProperty() {
        return status;
    }

    public Workspace workspace() {
        return workspace;
    }

    /** "Trouser — 98.1 %". */
    public static String predictionText(AttackResult r, Prediction p) {
        return r.className(p.predicted()) + " — " + Formats.percent(p.confidence());
    }

    /** "Fooled: Trouser → Dress" or "Not fooled". */
    public static String verdict(AttackResult r) {
        AttackParams params = r.outcome().params();
        if (params.targeted()) {
            return r.success() ? "Target reached: " + r.className(params.targetClass())
                    : "Target " + r.className(params.targetClass()) + " not reached";
        }
        return r.success() ? "Fooled: " + r.className(r.label()) + " → " + r.className(r.after().predicted())
                : "Not fooled: still " + r.className(r.after().predicted());
    }

    public static String l0Text(AttackResult r) {
        int size = r.image().fitted().imageSize();
        return String.format(Locale.ROOT, "%d of %d values (%.1f %%)", Math.round(r.l0()), size, 100.0 * r.l0() / size);
    }

    public static String l2Text(AttackResult r) {
        return String.format(Locale.ROOT, "%.4f", r.l2());
    }

    public static String linfText(AttackResult r) {
        return String.format(Locale.ROOT, "%.4f", r.linf());
    }

    /** "L2 = 1.234 (smallest change found)", "none found", or "" for a fixed-budget result. */
    public static String minimalDistanceText(AttackResult r) {
        if (!r.minimumNorm()) {
            return "";
        }
        double d = r.minimalDistance();
        String name = switch (r.distanceMeasure()) {
            case "linf" -> "L∞";
            case "l0" -> "L0";
            default -> "L2";
        };
        if (Double.isInfinite(d)) {
            return name + ": none found";
        }
        if (d == 0) {
            return name + " = 0 (the clean image already meets the goal)";
        }
        return String.format(Locale.ROOT, r.distanceMeasure().equals("l0") ? "%s = %.0f" : "%s = %.4f", name, d);
    }

    public static String amplificationText(AttackResult r) {
        return String.format(Locale.ROOT, "amplified ×%.1f", r.amplified().amplification());
    }
}
