package org.advlens.app.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.advlens.app.common.ImageItem;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.jobs.JobRunner;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.catalog.Attacks;
import org.advlens.data.Datasets;
import org.advlens.data.ImageConversion;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.compare.ModelAgreement;
import org.advlens.eval.compare.TransferMatrix;
import org.advlens.io.AtomicFiles;
import org.advlens.job.Job;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.advlens.report.ComparisonJson;
import org.advlens.saliency.SaliencyMethod;
import org.advlens.saliency.method.SaliencyMethods;

/**
 * State of the Compare view: the models loaded beside the current one; on the bundled test images, the transfer
 * matrix of one attack over all of them and the agreement of the current model with the chosen one, with the
 * images where they disagree; and, for the current image, the same saliency method and attack on both.
 */
public final class CompareViewModel {

    /** Disagreeing images shown in the gallery at most. */
    static final int GALLERY_LIMIT = 60;

    private final Workspace workspace;
    private final JobRunner jobs;
    private final Notices notices;
    private final ObservableList<ComparedModel> models = FXCollections.observableArrayList();
    private final ObjectProperty<ComparedModel> compared = new SimpleObjectProperty<>(this, "compared");
    private final ObjectProperty<String> attack = new SimpleObjectProperty<>(this, "attack", "pgd");
    private final ObjectProperty<Double> epsilon = new SimpleObjectProperty<>(this, "epsilon", 0.1);
    private final ObjectProperty<Integer> images = new SimpleObjectProperty<>(this, "images", 200);
    private final ObjectProperty<String> saliency = new SimpleObjectProperty<>(this, "saliency", "gradient");
    private final ReadOnlyObjectWrapper<TransferMatrix.Result> matrix = new ReadOnlyObjectWrapper<>(this, "matrix");
    private final ReadOnlyObjectWrapper<ModelAgreement.Result> agreement =
            new ReadOnlyObjectWrapper<>(this, "agreement");
    private final ObservableList<Disagreement> disagreements = FXCollections.observableArrayList();
    private final ObservableList<Disagreement> readOnlyDisagreements =
            FXCollections.unmodifiableObservableList(disagreements);
    private final ReadOnlyObjectWrapper<List<ImageComparison.Row>> rows = new ReadOnlyObjectWrapper<>(this, "rows");
    private final ReadOnlyObjectWrapper<ImageItem> rowsImage = new ReadOnlyObjectWrapper<>(this, "rowsImage");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final BooleanBinding canRun;
    private EngineTask<?> current;
    private String dataName = "";
    private String dataSource = "";

    public CompareViewModel(Workspace workspace, JobRunner jobs, Notices notices) {
        this.workspace = workspace;
        this.jobs = jobs;
        this.notices = notices;
        this.canRun = Bindings.createBooleanBinding(() -> workspace.readyProperty().get() && !running.get()
                && compared.get() != null, workspace.readyProperty(), running, compared);
    }

    /** The saliency methods offered for the side-by-side panel. */
    public static List<String> saliencyChoices() {
        return SaliencyMethods.names();
    }

    /** The attacks offered. */
    public static List<String> attackChoices() {
        return Attacks.names();
    }

    /** Loads the bundled PGD-trained model into the list. */
    public void addBundledRobust() {
        load("fashion-cnn-robust (bundled)", ModelLoader::bundledRobust);
    }

    /** Loads a model file (DL4J zip, Keras .h5, ONNX) into the list. */
    public void addModel(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            notices.error("Cannot add model", "expected a model file (.zip, .h5, .onnx), got " + file);
            return;
        }
        load(String.valueOf(file.getFileName()), () -> ModelLoader.load(file));
    }

    private interface Loader {
        Classifier load() throws Exception;
    }

    private void load(String label, Loader loader) {
        Classifier reference = workspace.model();
        jobs.submit("Load " + label + " for comparison", (Job<Classifier>) (p, t) -> {
            Classifier c = loader.load();
            if (reference != null && (!c.inputSpec().equals(reference.inputSpec())
                    || c.numClasses() != reference.numClasses())) {
                String why = label + " takes " + c.inputSpec() + " with " + c.numClasses() + " classes; the current "
                        + "model takes " + reference.inputSpec() + " with " + reference.numClasses();
                c.close();
                throw new IllegalArgumentException(why);
            }
            return c;
        }).whenSucceeded(c -> {
            ComparedModel m = new ComparedModel(unique(label), c);
            models.add(m);
            if (compared.get() == null) {
                compared.set(m);
            }
        });
    }

    private String unique(String label) {
        String out = label;
        for (int k = 2; models.stream().anyMatch(m -> m.label().equals(label)); k++) {
            String candidate = label + " (" + k + ")";
            if (models.stream().noneMatch(m -> m.label().equals(candidate))) {
                return candidate;
            }
        }
        return out;
    }

    /** Removes a model from the list and closes it on the engine thread. */
    public void remove(ComparedModel m) {
        if (m == null || running.get() || !models.remove(m)) {
            return;
        }
        if (compared.get() == m) {
            compared.set(models.isEmpty() ? null : models.get(0));
        }
        jobs.submitQuietly("Close " + m.label(), (p, t) -> {
            m.classifier().close();
            return null;
        });
    }

    /** Runs the side-by-side panel for the current image, then agreement and transfer matrix on the data set. */
    public void run() {
        if (!canRun.get()) {
            return;
        }
        runImage();
        submitDataSet();
    }

    /** The same saliency method and the same attack on the current image, for the current and compared model. */
    public EngineTask<List<ImageComparison.Row>> runImage() {
        if (!canRun.get()) {
            return null;
        }
        ImageItem image = workspace.image();
        SaliencyMethod method = SaliencyMethods.byName(saliency.get());
        FixedEpsilonAttack a = Attacks.byName(attack.get());
        List<Classifier> both = List.of(workspace.model(), compared.get().classifier());
        EngineTask<List<ImageComparison.Row>> task = start("Compare on " + image.name(),
                ImageComparison.job(both, image, method, a, a.defaults(), epsilon.get()));
        task.whenSucceeded(r -> {
            rowsImage.set(image);
            rows.set(r);
        });
        return task;
    }

    /** The agreement of the current and compared model, then the transfer matrix of all models. */
    public EngineTask<TransferMatrix.Result> runDataSet() {
        return canRun.get() ? submitDataSet() : null;
    }

    private EngineTask<TransferMatrix.Result> submitDataSet() {
        Classifier current = workspace.model();
        Classifier other = compared.get().classifier();
        List<Classifier> all = new ArrayList<>(List.of(current));
        models.forEach(m -> all.add(m.classifier()));
        FixedEpsilonAttack a = Attacks.byName(attack.get());
        double eps = epsilon.get();
        int n = images.get();
        matrix.set(null);
        agreement.set(null);
        disagreements.clear();
        EngineTask<TransferMatrix.Result> task = start("Transfer matrix of " + all.size() + " models",
                (progress, token) -> {
                    LabelledDataset data = Datasets.bundledEvaluation(current.inputSpec()).limit(n);
                    ModelAgreement.Result agree = new ModelAgreement(current, other, data, 250)
                            .run((f, m) -> progress.onProgress(0.05 * f, m), token);
                    List<Disagreement> gallery = gallery(agree, data, current);
                    Platform.runLater(() -> {
                        dataName = data.name();
                        dataSource = data.source();
                        agreement.set(agree);
                        disagreements.setAll(gallery);
                    });
                    return new TransferMatrix(all, data, new TransferMatrix.Options(a, a.defaults(), eps, 50))
                            .run((f, m) -> progress.onProgress(0.05 + 0.95 * f, m), token);
                });
        task.whenSucceeded(matrix::set);
        return task;
    }

    private static List<Disagreement> gallery(ModelAgreement.Result r, LabelledDataset data, Classifier model) {
        List<Disagreement> out = new ArrayList<>();
        int[] first = r.firstPredicted();
        int[] second = r.secondPredicted();
        double lower = model.inputSpec().lower();
        double upper = model.inputSpec().upper();
        for (int i : r.disagreements()) {
            if (out.size() == GALLERY_LIMIT) {
                break;
            }
            var fitted = data.images().image(i);
            String label = data.classNames().isEmpty() ? String.valueOf(data.label(i))
                    : data.classNames().get(data.label(i));
            ImageItem item = new ImageItem(String.format(Locale.ROOT, "#%d %s", i, label), data.name() + " #" + i,
                    ImageConversion.toUnit(fitted, lower, upper), fitted, data.label(i));
            out.add(new Disagreement(i, item, first[i], second[i]));
        }
        return out;
    }

    private <T> EngineTask<T> start(String title, Job<T> job) {
        running.set(true);
        EngineTask<T> task = jobs.submit(title, job);
        current = task;
        progress.bind(task.progressProperty());
        message.bind(task.messageProperty());
        task.whenFailed(e -> notices.error("Comparison failed", e)).whenDone(() -> {
            if (current == task) {
                progress.unbind();
                message.unbind();
                progress.set(task.isCancelled() ? 0 : 1);
                message.set(task.isCancelled() ? "Cancelled" : "Done");
                running.set(false);
            }
        });
        return task;
    }

    /** Asks the running comparison to stop at its next batch. */
    public void cancel() {
        if (current != null && !current.isDone()) {
            current.cancel();
        }
    }

    /** Makes a disagreeing image the current image and compares the two models on it. */
    public void open(Disagreement d) {
        if (d == null) {
            return;
        }
        workspace.selectImage(d.image());
        runImage();
    }

    /** Writes the transfer matrix as JSON (format in docs/comparison.md). */
    public void export(Path file) {
        TransferMatrix.Result r = matrix.get();
        if (r == null) {
            notices.warning("Nothing to export", "run the comparison to the end first");
            return;
        }
        String name = dataName;
        String source = dataSource;
        jobs.submit("Export transfer matrix", (p, t) -> {
            AtomicFiles.writeString(file, ComparisonJson.transferMatrix(r, name, source));
            return file;
        }).whenSucceeded(f ->
                notices.info("Exported the transfer matrix", String.valueOf(f)));
    }

    /** The current model's lower input bound, for drawing its adversarial images. */
    public double inputLower() {
        return workspace.inputSpec() == null ? 0 : workspace.inputSpec().lower();
    }

    /** The current model's upper input bound. */
    public double inputUpper() {
        return workspace.inputSpec() == null ? 1 : workspace.inputSpec().upper();
    }

    /** The current model's class names, or none while no model is loaded. */
    public List<String> classNames() {
        return workspace.modelInfo() == null ? List.of() : workspace.modelInfo().classNames();
    }

    /** The current model's name, or a dash while none is loaded. */
    public javafx.beans.binding.StringBinding currentModelNameProperty() {
        return Bindings.createStringBinding(() -> workspace.modelInfo() == null ? "–" : workspace.modelInfo().name(),
                workspace.modelInfoProperty());
    }

    public ObservableList<ComparedModel> models() {
        return models;
    }

    public ObjectProperty<ComparedModel> comparedProperty() {
        return compared;
    }

    public ObjectProperty<String> attackProperty() {
        return attack;
    }

    public ObjectProperty<Double> epsilonProperty() {
        return epsilon;
    }

    public ObjectProperty<Integer> imagesProperty() {
        return images;
    }

    public ObjectProperty<String> saliencyProperty() {
        return saliency;
    }

    public ReadOnlyObjectProperty<TransferMatrix.Result> matrixProperty() {
        return matrix.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ModelAgreement.Result> agreementProperty() {
        return agreement.getReadOnlyProperty();
    }

    public ObservableList<Disagreement> disagreements() {
        return readOnlyDisagreements;
    }

    public ReadOnlyObjectProperty<List<ImageComparison.Row>> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ImageItem> rowsImageProperty() {
        return rowsImage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }

    /** Whether there is a transfer matrix to export. */
    public BooleanBinding canExportProperty() {
        return matrix.isNotNull();
    }
}
