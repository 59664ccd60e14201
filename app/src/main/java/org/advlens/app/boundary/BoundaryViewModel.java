package org.advlens.app.boundary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.advlens.app.common.ImageItem;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.jobs.CurrentJob;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.jobs.JobRunner;
import org.advlens.attack.Norm;
import org.advlens.attack.catalog.Attacks;
import org.advlens.data.Images;
import org.advlens.eval.boundary.DecisionPlane;
import org.advlens.eval.boundary.DirectionSpec;
import org.advlens.eval.boundary.LinearityResult;
import org.advlens.eval.boundary.LinearitySpec;
import org.advlens.eval.boundary.LogitLinearity;
import org.advlens.eval.boundary.Plane;
import org.advlens.eval.boundary.PlaneDirections;
import org.advlens.eval.boundary.PlaneResult;
import org.advlens.eval.boundary.PlaneSpec;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.model.load.ModelLoader;

/**
 * State of the decision-boundary view: the directions, budget and grid; the planes as they fill (the current
 * model's, and the bundled robust model's beside it on request); the logit-linearity sweep; the hover readout;
 * and loading a point of the plane into the Attack view.
 */
public final class BoundaryViewModel {

    /** The linearity sweep runs over {@code [-LINEARITY_RANGE * eps, LINEARITY_RANGE * eps]}. */
    static final double LINEARITY_RANGE = 4;

    private final Workspace workspace;
    private final JobRunner jobs;
    private final Notices notices;
    private final ObjectProperty<String> u = new SimpleObjectProperty<>(this, "u", "attack:fgsm");
    private final ObjectProperty<String> v = new SimpleObjectProperty<>(this, "v", "random");
    private final ObjectProperty<Double> epsilon = new SimpleObjectProperty<>(this, "epsilon", 0.1);
    private final ObjectProperty<Norm> norm = new SimpleObjectProperty<>(this, "norm", Norm.LINF);
    private final ObjectProperty<Integer> resolution = new SimpleObjectProperty<>(this, "resolution", 101);
    private final ObjectProperty<Double> extentMultiple = new SimpleObjectProperty<>(this, "extentMultiple", 3.0);
    private final BooleanProperty compareRobust = new SimpleBooleanProperty(this, "compareRobust", false);
    private final BooleanProperty clip = new SimpleBooleanProperty(this, "clip", false);
    private final ReadOnlyObjectWrapper<PlaneResult> plane = new ReadOnlyObjectWrapper<>(this, "plane");
    private final ReadOnlyObjectWrapper<PlaneResult> compared = new ReadOnlyObjectWrapper<>(this, "compared");
    private final ReadOnlyObjectWrapper<LinearityResult> linearity = new ReadOnlyObjectWrapper<>(this, "linearity");
    private final CurrentJob<List<PlaneResult>> job;
    private final ReadOnlyStringWrapper readout = new ReadOnlyStringWrapper(this, "readout", "");
    private final ReadOnlyObjectWrapper<Images> hoverImage = new ReadOnlyObjectWrapper<>(this, "hoverImage");
    private final BooleanBinding canRun;
    private Runnable showAttack = () -> { };
    private Classifier robust;
    private long generation;

    public BoundaryViewModel(Workspace workspace, JobRunner jobs, Notices notices) {
        this.workspace = workspace;
        this.jobs = jobs;
        this.notices = notices;
        this.job = new CurrentJob<>(this, jobs);
        this.canRun = Bindings.createBooleanBinding(() -> workspace.readyProperty().get()
                && !job.runningProperty().get(), workspace.readyProperty(), job.runningProperty());
    }

    /** The directions offered for u and v: gradient, random, the counterfactual towards the runner-up, each attack. */
    public static List<String> directionChoices() {
        List<String> out = new ArrayList<>(List.of("gradient", "random", "counterfactual"));
        for (String a : Attacks.names()) {
            out.add("attack:" + a);
        }
        return out;
    }

    /** Called by the shell: what "load into the Attack view" switches to. */
    public void setShowAttack(Runnable action) {
        this.showAttack = action == null ? () -> { } : action;
    }

    /** Computes the plane(s) and the linearity sweep for the current model and image. */
    public EngineTask<List<PlaneResult>> run() {
        if (!canRun.get()) {
            return null;
        }
        Classifier model = workspace.model();
        ImageItem image = workspace.image();
        double eps = epsilon.get();
        Norm n = norm.get();
        DirectionSpec du = DirectionSpec.parse(u.get(), eps, n, 0);
        DirectionSpec dv = DirectionSpec.parse(v.get(), eps, n, 1);
        int res = resolution.get();
        double multiple = extentMultiple.get();
        boolean withRobust = compareRobust.get();
        boolean clipped = clip.get();
        long id = ++generation;
        plane.set(null);
        compared.set(null);
        linearity.set(null);
        readout.set("");
        hoverImage.set(null);
        float[] x = image.fitted().pixels();
        int label = image.labelled() ? image.label() : -1;
        return job.start("Decision plane " + image.name(), (progress, token) -> {
            List<Classifier> models = new ArrayList<>(List.of(model));
            if (withRobust) {
                if (robust == null) {
                    robust = ModelLoader.bundledRobust();
                }
                models.add(robust);
            }
            List<PlaneResult> out = new ArrayList<>();
            Double extent = null;
            for (int m = 0; m < models.size(); m++) {
                Classifier c = models.get(m);
                int slot = m;
                progress.onProgress(-1, "directions for " + c.info().name());
                Plane p = PlaneDirections.build(c, x, label, du, dv, eps, n, token);
                extent = extent != null ? extent : multiple * p.ballRadius();
                PlaneSpec grid = new PlaneSpec(res, extent, extent, clipped, res > 8 ? 4 : 1, 256);
                PlaneResult r = new DecisionPlane(c, p, grid, partial -> publish(id, slot, partial))
                        .run((f, msg) -> progress.onProgress(f, c.info().name() + ": " + msg), token);
                publish(id, slot, r);
                out.add(r);
                if (m == 0) {
                    LinearityResult lin = new LogitLinearity(c, x, label,
                            new LinearitySpec(LINEARITY_RANGE * eps, 81, 2, false)).run(progress, token);
                    Platform.runLater(() -> {
                        if (id == generation) {
                            linearity.set(lin);
                        }
                    });
                }
            }
            return out;
        });
    }

    /** Asks the running computation to stop at its next cancellation check. */
    public void cancel() {
        job.cancel();
    }

    private void publish(long id, int slot, PlaneResult r) {
        Platform.runLater(() -> {
            if (id == generation) {
                (slot == 0 ? plane : compared).set(r);
            }
        });
    }

    /** Shows the coordinates, top classes and image (scaled to [0, 1]) of cell {@code (i, j)} of panel 0 (current) or 1 (robust). */
    public void hover(int panel, int i, int j) {
        PlaneResult r = panel == 0 ? plane.get() : compared.get();
        if (r == null || i < 0 || j < 0 || i >= r.resolution() || j >= r.resolution()) {
            return;
        }
        float[] p = r.probabilitiesAt(i, j);
        Integer[] order = new Integer[p.length];
        for (int k = 0; k < p.length; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));
        double a = r.spec().a(i);
        double b = r.spec().b(j);
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s%na = %.3f, b = %.3f, |δ|₂ = %.3f%n",
                r.modelName(), a, b, Math.hypot(a, b)));
        for (int k = 0; k < Math.min(3, p.length); k++) {
            s.append(String.format(Locale.ROOT, "%s  %.3f%n", r.classNames().get(order[k]), p[order[k]]));
        }
        readout.set(s.toString().strip());
        InputSpec spec = workspace.inputSpec();
        float[] unit = imageAt(r, i, j).pixels();
        for (int k = 0; k < unit.length; k++) {
            unit[k] = (float) ((unit[k] - spec.lower()) / spec.range());
        }
        Plane pl = r.plane();
        hoverImage.set(new Images(unit, 1, pl.channels(), pl.height(), pl.width()));
    }

    /** Makes the image at cell {@code (i, j)} (clipped to the input range) the workspace's image and opens Attack. */
    public void loadIntoAttack(int panel, int i, int j) {
        PlaneResult r = panel == 0 ? plane.get() : compared.get();
        if (r == null || i < 0 || j < 0 || i >= r.resolution() || j >= r.resolution()) {
            return;
        }
        InputSpec spec = workspace.inputSpec();
        Images fitted = imageAt(r, i, j);
        float[] unit = fitted.pixels();
        for (int k = 0; k < unit.length; k++) {
            unit[k] = (float) ((unit[k] - spec.lower()) / spec.range());
        }
        String name = String.format(Locale.ROOT, "plane (%.2f, %.2f)", r.spec().a(i), r.spec().b(j));
        ImageItem origin = workspace.image();
        workspace.selectImage(new ImageItem(name, origin == null ? "" : origin.source() + " + plane point",
                new Images(unit, 1, fitted.channels(), fitted.height(), fitted.width()), fitted, ImageItem.UNKNOWN));
        notices.info("Loaded " + name, "the plane's point is now the Attack view's image");
        showAttack.run();
    }

    private Images imageAt(PlaneResult r, int i, int j) {
        InputSpec spec = workspace.inputSpec();
        Plane p = r.plane();
        float[] px = p.pointAt(r.spec().a(i), r.spec().b(j), true, spec.lower(), spec.upper());
        return new Images(px, 1, p.channels(), p.height(), p.width());
    }

    public ObjectProperty<String> uProperty() {
        return u;
    }

    public ObjectProperty<String> vProperty() {
        return v;
    }

    public ObjectProperty<Double> epsilonProperty() {
        return epsilon;
    }

    public ObjectProperty<Norm> normProperty() {
        return norm;
    }

    public ObjectProperty<Integer> resolutionProperty() {
        return resolution;
    }

    public ObjectProperty<Double> extentMultipleProperty() {
        return extentMultiple;
    }

    public BooleanProperty compareRobustProperty() {
        return compareRobust;
    }

    public BooleanProperty clipProperty() {
        return clip;
    }

    public ReadOnlyObjectProperty<PlaneResult> planeProperty() {
        return plane.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PlaneResult> comparedProperty() {
        return compared.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LinearityResult> linearityProperty() {
        return linearity.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }

    public ReadOnlyStringProperty readoutProperty() {
        return readout.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Images> hoverImageProperty() {
        return hoverImage.getReadOnlyProperty();
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }
}
