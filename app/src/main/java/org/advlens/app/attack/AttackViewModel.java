package org.advlens.app.attack;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.advlens.app.common.ImageItem;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Formats;
import org.advlens.app.common.Workspace;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.jobs.JobRunner;
import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackParams;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.eval.Prediction;
import org.advlens.model.Classifier;
import org.advlens.report.PerturbationImage;

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
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyObjectWrapper<AttackResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyObjectWrapper<Prediction> cleanPrediction = new ReadOnlyObjectWrapper<>(this, "cleanPrediction");
    private final BooleanBinding canRun;
    private final StringBinding status;
    private EngineTask<AttackResult> current;

    public AttackViewModel(Workspace workspace, JobRunner jobs, Notices notices) {
        this.workspace = workspace;
        this.jobs = jobs;
        this.notices = notices;
        workspace.modelInfoProperty().addListener((o, a, info) -> {
            if (info != null) {
                settings.useModel(info.input(), info.classNames());
            }
            result.set(null);
        });
        if (workspace.modelInfo() != null) {
            settings.useModel(workspace.modelInfo().input(), workspace.modelInfo().classNames());
        }
        workspace.imageProperty().addListener((o, a, b) -> {
            if (result.get() != null && b != null && result.get().image() != b) {
                result.set(null);
            }
        });
        workspace.modelProperty().addListener((o, a, b) -> predictClean());
        workspace.imageProperty().addListener((o, a, b) -> predictClean());
        canRun = Bindings.createBooleanBinding(
                () -> workspace.readyProperty().get() && formError().isEmpty(), workspace.readyProperty(),
                settings.errorProperty(), minimumNorm.errorProperty(), minimumNorm.enabledProperty());
        status = Bindings.createStringBinding(this::describeState, workspace.readyProperty(),
                settings.errorProperty(), minimumNorm.errorProperty(), minimumNorm.enabledProperty(), running, result);
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
        if (current != null && !current.isDone()) {
            current.cancel();
        }
        Classifier model = workspace.model();
        ImageItem image = workspace.image();
        if (minimumNorm.enabledProperty().get()) {
            int target = settings.targetedProperty().get() ? settings.targetClassProperty().get()
                    : AttackParams.UNTARGETED;
            long seed = parseSeed(settings.seedProperty().get());
            MinimumNormAttackJob job = new MinimumNormAttackJob(model, image, minimumNorm.resolvedAttack(),
                    minimumNorm.toParams(target, seed));
            return track(jobs.submit(job.attack().name().toUpperCase(Locale.ROOT) + " (minimum-norm) on "
                    + image.name(), job));
        }
        FixedEpsilonAttack attack = settings.attackProperty().get();
        AttackParams params = settings.toParams();
        double eps = settings.epsilonProperty().get();
        running.set(true);
        String title = attack.name().toUpperCase(Locale.ROOT) + " ε=" + AttackSettings.format(eps) + " on "
                + image.name();
        EngineTask<AttackResult> task = jobs.submit(title, (progress, token) -> {
            progress.onProgress(0, "predicting the clean image");
            Prediction before = Prediction.of(model, image.fitted())[0];
            boolean fromPrediction = !image.labelled() || image.label() >= model.numClasses();
            int label = fromPrediction ? before.predicted() : image.label();
            token.throwIfCancelled();
            progress.onProgress(0.1, "running " + attack.displayName());
            AttackOutcome outcome = AttackRunner.run(attack, model, image.fitted(), new int[] {label},
                    new double[] {eps}, params, token).get(0);
            progress.onProgress(0.9, "measuring the result");
            Prediction after = Prediction.of(model, outcome.adversarial())[0];
            PerturbationImage amplified = PerturbationImage.of(image.fitted(), outcome.adversarial(),
                    model.inputSpec());
            Heatmap heatmap = Heatmap.of(image.fitted(), outcome.adversarial());
            return new AttackResult(image, model.info(), attack.displayName(), label, fromPrediction, before, after,
                    outcome, amplified, heatmap);
        });
        return track(task);
    }

    private static long parseSeed(String text) {
        try {
            return Long.parseLong(text == null ? "0" : text.strip());
        } catch (NumberFormatException e) {
            return 0L;
        }
    }

    private EngineTask<AttackResult> track(EngineTask<AttackResult> task) {
        running.set(true);
        current = task;
        task.whenSucceeded(r -> {
            if (current == task) {
                result.set(r);
            }
        }).whenDone(() -> {
            if (current == task) {
                running.set(false);
            }
        });
        return task;
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
        if (result.get() != null && canRun.get() && !minimumNorm.enabledProperty().get()) {
            runAttack();
        }
    }

    /**
     * Shows a result kept by the session (after an unclean end), computed on the selected image; ignored while an
     * attack runs or when another image is selected.
     */
    public void restoreResult(AttackResult restored) {
        if (!running.get() && restored.image() == workspace.image()) {
            result.set(restored);
        }
    }

    /** Cancels the running attack, if any. */
    public void cancel() {
        if (current != null && !current.isDone()) {
            current.cancel();
        }
    }

    /** Writes the current result to {@code folder}: original, adversarial, perturbation and heatmap PNGs and JSON. */
    public EngineTask<List<Path>> exportTo(Path folder) {
        AttackResult r = result.get();
        if (r == null) {
            notices.warning("Nothing to export", "run an attack first");
            return null;
        }
        return jobs.submit("Export attack to " + folder.getFileName(), (p, t) -> AttackExport.write(r, folder))
                .whenSucceeded(files -> notices.info("Attack exported", files.size() + " files in " + folder));
    }

    private String describeState() {
        if (running.get()) {
            return "Running…";
        }
        if (!workspace.readyProperty().get()) {
            return workspace.model() == null ? "Load a model to start" : "Choose an image from the gallery";
        }
        if (!formError().isEmpty()) {
            return formError();
        }
        return result.get() == null ? "Ready: press Run (Ctrl+R)" : "Done";
    }

    public AttackSettings settings() {
        return settings;
    }

    /** The minimum-norm attack's settings; on, they replace the fixed-budget attack and its epsilon. */
    public MinimumNormSettings minimumNorm() {
        return minimumNorm;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<AttackResult> resultProperty() {
        return result.getReadOnlyProperty();
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
