package org.advlens.app.saliency;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.advlens.app.common.ImageItem;
import org.advlens.app.common.MapPictures;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.jobs.CurrentJob;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.jobs.JobRunner;
import org.advlens.app.usecase.ExplainImage;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.saliency.SaliencyMap;
import org.advlens.saliency.SaliencyMethod;
import org.advlens.saliency.Target;
import org.advlens.saliency.method.GradCam;

/**
 * The saliency view's state and commands: run the chosen methods on the selected image (one job on the engine
 * thread), keep the maps, and the display settings (opacity, colouring, clipping percentile) that the pictures
 * follow; export the maps as PNG and JSON.
 */
public final class SaliencyViewModel {

    private final Workspace workspace;
    private final JobRunner jobs;
    private final Notices notices;
    private final SaliencySettings settings = new SaliencySettings();
    private final DoubleProperty opacity = new SimpleDoubleProperty(this, "opacity", 0.7);
    private final ObjectProperty<MapPictures.Colouring> colouring = new SimpleObjectProperty<>(this, "colouring",
            MapPictures.Colouring.AUTO);
    private final DoubleProperty clipPercentile = new SimpleDoubleProperty(this, "clipPercentile", 99);
    private final CurrentJob<SaliencyResult> job;
    private final BooleanBinding canRun;
    private final StringBinding status;

    public SaliencyViewModel(Workspace workspace, JobRunner jobs, Notices notices) {
        this.workspace = workspace;
        this.jobs = jobs;
        this.notices = notices;
        this.job = new CurrentJob<>(this, jobs);
        workspace.modelProperty().addListener((o, a, model) -> useModel(model));
        useModel(workspace.model());
        workspace.imageProperty().addListener((o, a, b) -> {
            if (job.resultProperty().get() != null && job.resultProperty().get().image() != b) {
                job.clearResult();
            }
        });
        canRun = Bindings.createBooleanBinding(() -> workspace.readyProperty().get()
                && settings.errorProperty().get().isEmpty(), workspace.readyProperty(), settings.errorProperty());
        status = Bindings.createStringBinding(this::describeState, workspace.readyProperty(),
                settings.errorProperty(), job.runningProperty(), job.resultProperty());
    }

    private void useModel(Classifier model) {
        job.clearResult();
        if (model == null) {
            return;
        }
        settings.useClasses(model.info().classNames());
        jobs.submitQuietly("Grad-CAM layers", (p, t) -> GradCam.layerChoices(model)).whenSucceeded(layers -> {
            if (workspace.model() == model) {
                settings.useLayers(layers);
            }
        });
    }

    /** Runs the chosen methods on the selected image; a run still going is cancelled first. */
    public EngineTask<SaliencyResult> runSaliency() {
        if (!canRun.get()) {
            return null;
        }
        Classifier model = workspace.model();
        ImageItem image = workspace.image();
        List<SaliencyMethod> methods = settings.methods();
        Target target = settings.target();
        String title = "Saliency (" + methods.size() + " method" + (methods.size() == 1 ? "" : "s") + ") on "
                + image.name();
        EngineTask<SaliencyResult> task = job.start(title, (progress, token) -> {
            if (target.kind() == Target.Kind.TRUE_LABEL && !image.labelled()) {
                throw new IllegalArgumentException(image.name() + " has no true label; explain the predicted class"
                        + " or choose one");
            }
            int[] labels = image.labelled() ? new int[] {image.label()} : null;
            ExplainImage.Result r = new ExplainImage(new ExplainImage.Request(model, image.fitted(), labels, target,
                    methods)).run(progress, token);
            List<SaliencyResult.Entry> maps = r.maps().stream().map(e -> new SaliencyResult.Entry(
                    e.method().displayName(), e.method().parameters(), e.map(), e.seconds())).toList();
            return new SaliencyResult(image, model.info(), r.targets()[0], target.toString(), r.predictions()[0],
                    maps, r.skipped());
        });
        task.whenSucceeded(r -> {
            if (job.resultProperty().get() == r && !r.skipped().isEmpty()) {
                notices.warning("Saliency", String.join(", ", r.skipped()) + " cannot explain this model"
                        + " (needs a DL4J network with convolutional layers)");
            }
        });
        return task;
    }

    public void cancel() {
        job.cancel();
    }

    /** Shows maps kept by the session (after an unclean end), if they were computed on the selected image. */
    public void restoreResult(SaliencyResult restored) {
        if (restored.image() == workspace.image()) {
            job.restoreResult(restored);
        }
    }

    /** The picture of one map with the current display settings: ARGB pixels, {@code height x width}. */
    public int[] picture(SaliencyResult r, SaliencyResult.Entry e) {
        SaliencyMap map = e.map();
        float[] plane = map.plane(0);
        InputSpec spec = r.model().input();
        return MapPictures.overlay(r.image().fitted(), 0, spec.lower(), spec.upper(), plane,
                colouring.get().scheme(map.signed()), MapPictures.limit(plane, clipPercentile.get()), opacity.get());
    }

    /** A caption under a map: the clipping value, the time taken and, for Integrated Gradients, the completeness. */
    public static String caption(SaliencyResult.Entry e, double percentile) {
        SaliencyMap map = e.map();
        String s = String.format(Locale.ROOT, "±%.3g at p%s · %.2f s", MapPictures.limit(map.plane(0), percentile),
                org.advlens.app.common.Formats.decimal(percentile), e.seconds());
        if (map.hasCompletenessDelta()) {
            s += String.format(Locale.ROOT, "\ncompleteness Δ = %.3g", map.completenessDelta()[0]);
        }
        return s;
    }

    /** Writes every map as PNG (as displayed) and JSON to {@code folder}. */
    public EngineTask<List<Path>> exportTo(Path folder) {
        SaliencyResult r = job.resultProperty().get();
        if (r == null) {
            notices.warning("Nothing to export", "compute saliency maps first");
            return null;
        }
        List<int[]> pictures = r.maps().stream().map(e -> picture(r, e)).toList();
        return jobs.submit("Export saliency to " + folder.getFileName(), (p, t) -> SaliencyExport.write(r, pictures,
                folder)).whenSucceeded(files -> notices.info("Saliency exported", files.size() + " files in " + folder));
    }

    private String describeState() {
        if (job.runningProperty().get()) {
            return "Running…";
        }
        if (!workspace.readyProperty().get()) {
            return workspace.model() == null ? "Load a model to start" : "Choose an image from the gallery";
        }
        if (!settings.errorProperty().get().isEmpty()) {
            return settings.errorProperty().get();
        }
        return job.resultProperty().get() == null ? "Ready: press Run (Ctrl+R)" : "Done";
    }

    public SaliencySettings settings() {
        return settings;
    }

    public Workspace workspace() {
        return workspace;
    }

    public DoubleProperty opacityProperty() {
        return opacity;
    }

    public ObjectProperty<MapPictures.Colouring> colouringProperty() {
        return colouring;
    }

    /** The percentile of |value| shown at full colour; larger values are clipped. */
    public DoubleProperty clipPercentileProperty() {
        return clipPercentile;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }

    public ReadOnlyObjectProperty<SaliencyResult> resultProperty() {
        return job.resultProperty();
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }

    public StringBinding statusProperty() {
        return status;
    }
}
