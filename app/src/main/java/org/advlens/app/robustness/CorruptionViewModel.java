package org.advlens.app.robustness;

import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import org.advlens.app.common.ImageItem;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.jobs.JobRunner;
import org.advlens.corruption.CorruptionOptions;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.CorruptionEvaluation;
import org.advlens.io.AtomicFiles;
import org.advlens.model.Classifier;
import org.advlens.report.CorruptionPictures;

/**
 * The corruptions tab's state and commands: the top-1 error under the common corruptions of Hendrycks and
 * Dietterich (ICLR 2019) per corruption and severity with CE and mCE, and a gallery of the current image (or the
 * data's first) under each of them.
 */
public final class CorruptionViewModel {

    /** Enlargement of each picture of the gallery. */
    static final int GALLERY_SCALE = 2;

    private final Workspace workspace;
    private final DataSelection data;
    private final CorruptionSettings settings = new CorruptionSettings();
    private final EvaluationRun<CorruptionOutcome> run;
    private final BooleanBinding canRun;

    CorruptionViewModel(Workspace workspace, DataSelection data, JobRunner jobs, Notices notices) {
        this.workspace = workspace;
        this.data = data;
        this.run = new EvaluationRun<>(jobs, notices);
        canRun = Bindings.createBooleanBinding(() -> workspace.model() != null && !run.runningProperty().get()
                && settings.errorProperty().get().isEmpty(), workspace.modelProperty(), run.runningProperty(),
                settings.errorProperty());
    }

    /** Starts the evaluation with the form's settings; {@code null} when the form is invalid or a run is going. */
    public EngineTask<Finished<CorruptionOutcome>> runCorruptions() {
        if (!canRun.get()) {
            return null;
        }
        Classifier model = workspace.model();
        CorruptionEvaluation.Options options = settings.options();
        int limit = settings.limit();
        DataSelection.Source source = data.source();
        ImageItem current = workspace.image();
        return run.start(String.format(Locale.ROOT, "Corruptions, %d × %d severities (%d images)",
                options.corruptions().size(), options.severities().length, limit), (p, token) -> {
                    p.onProgress(-1, "loading the data set");
                    long start = System.nanoTime();
                    LabelledDataset set = source.load(model.inputSpec(), limit);
                    token.throwIfCancelled();
                    CorruptionEvaluation.Result r = new CorruptionEvaluation(model, null, set, options).run(p, token);
                    boolean useCurrent = current != null && current.fitted() != null
                            && current.fitted().imageSize() == model.inputSpec().size();
                    Images image = useCurrent ? current.fitted() : set.images().image(0);
                    p.onProgress(-1, "drawing the gallery");
                    var gallery = CorruptionPictures.gallery(model, image, options.corruptions(),
                            options.severities(), options.seed(), CorruptionOptions.forInput(model.inputSpec(),
                                    r.spatialScale()), GALLERY_SCALE);
                    return Finished.of(new CorruptionOutcome(r, gallery, useCurrent ? current.name()
                            : "the data's first image"), model.info(), set, start);
                });
    }

    public void cancel() {
        run.cancel();
    }

    /** Writes the result as JSON (docs/corruptions.md), or the error heatmap as PNG, by the file's extension. */
    public EngineTask<Path> export(Path file) {
        return run.export(file, (f, target) -> {
            if (target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                AtomicFiles.writePng(CorruptionPictures.heatmap(f.result().evaluation()), target);
            } else {
                RobustnessJson.write(RobustnessJson.corruptions(f.result().evaluation(), f), target);
            }
        });
    }

    public CorruptionSettings settings() {
        return settings;
    }

    public EvaluationRun<CorruptionOutcome> run() {
        return run;
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }
}
