package org.advlens.app.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.jobs.JobRunner;
import org.advlens.app.session.SessionViewModel;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelDescription;
import org.advlens.model.ModelInfo;
import org.advlens.model.ModelLoadException;
import org.advlens.model.load.ModelLoader;

/**
 * Loading models and describing the loaded one. Loading runs on the engine thread; a model that fails to load
 * leaves the previous one in place and sets {@link #loadErrorProperty()}.
 */
public final class ModelViewModel {

    private final Workspace workspace;
    /** The bundled model last asked for, for re-applying a description when no file is open. */
    private volatile String bundledResource = ModelLoader.BUNDLED_MODEL;
    private final JobRunner jobs;
    private final Notices notices;
    private final SessionViewModel session;
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper loadError = new ReadOnlyStringWrapper(this, "loadError", "");
    private final ObservableList<String> layers = FXCollections.observableArrayList();
    private final ObservableList<String> classNames = FXCollections.observableArrayList();
    private final ObservableList<ModelText.Fact> facts = FXCollections.observableArrayList();
    private final DescriptionForm form = new DescriptionForm();
    private final StringBinding title;
    private final StringBinding summary;
    private final BooleanBinding canApply;

    public ModelViewModel(Workspace workspace, JobRunner jobs, Notices notices, SessionViewModel session) {
        this.workspace = workspace;
        this.jobs = jobs;
        this.notices = notices;
        this.session = session;
        workspace.modelInfoProperty().addListener((o, a, info) -> showInfo(info));
        title = Bindings.createStringBinding(() -> info() == null ? "No model loaded" : info().name(),
                workspace.modelInfoProperty());
        summary = Bindings.createStringBinding(() -> info() == null ? "" : ModelText.summary(info()),
                workspace.modelInfoProperty());
        canApply = Bindings.createBooleanBinding(() -> info() != null && form.errorProperty().get().isEmpty()
                && !loading.get(), workspace.modelInfoProperty(), form.errorProperty(), loading);
        showInfo(workspace.modelInfo());
    }

    /** Loads the bundled Fashion-MNIST CNN. */
    public EngineTask<Classifier> loadBundled() {
        bundledResource = ModelLoader.BUNDLED_MODEL;
        return start("Load bundled model", null, (p, t) -> {
            p.onProgress(-1, "reading the bundled model");
            return ModelLoader.bundledDefault();
        });
    }

    /** Loads the bundled adversarially trained Fashion-MNIST CNN (same architecture, PGD-trained at eps 0.1). */
    public EngineTask<Classifier> loadBundledRobust() {
        bundledResource = ModelLoader.BUNDLED_ROBUST_MODEL;
        return start("Load bundled robust model", null, (p, t) -> {
            p.onProgress(-1, "reading the bundled robust model");
            return ModelLoader.bundledRobust();
        });
    }

    /** Loads the bundled defensively distilled Fashion-MNIST CNN (same architecture, temperature 100). */
    public EngineTask<Classifier> loadBundledDistilled() {
        bundledResource = ModelLoader.BUNDLED_DISTILLED_MODEL;
        return start("Load bundled distilled model", null, (p, t) -> {
            p.onProgress(-1, "reading the bundled distilled model");
            return ModelLoader.bundledDistilled();
        });
    }

    /** Loads a DL4J zip or Keras HDF5 file with its own (or inferred) description. */
    public EngineTask<Classifier> load(Path file) {
        return start("Load model " + file.getFileName(), file, (p, t) -> {
            p.onProgress(-1, "reading " + file.getFileName());
            return ModelLoader.load(file);
        });
    }

    /** Reloads the current model with the description in the form. */
    public EngineTask<Classifier> applyDescription() {
        ModelDescription description;
        try {
            description = form.toDescription();
        } catch (IllegalArgumentException e) {
            loadError.set("Input description: " + e.getMessage());
            return null;
        }
        Path file = workspace.modelFileProperty().get();
        return start("Apply input description", file, (p, t) -> {
            p.onProgress(-1, "reloading with the new description");
            if (file != null) {
                return ModelLoader.load(file, description);
            }
            Path copy = bundledCopy(bundledResource);
            try {
                return ModelLoader.load(copy, description);
            } finally {
                Files.deleteIfExists(copy);
            }
        });
    }

    /** Puts the loaded model's description back into the form. */
    public void resetDescription() {
        if (info() != null) {
            form.fill(info());
        }
    }

    private EngineTask<Classifier> start(String title, Path file, org.advlens.job.Job<Classifier> job) {
        loading.set(true);
        loadError.set("");
        return jobs.submit(title, job)
                .whenSucceeded(model -> {
                    Classifier old = workspace.replaceModel(model, file);
                    if (old != null && old != model) {
                        jobs.submitQuietly("Close " + old.info().name(), (p, t) -> {
                            old.close();
                            return null;
                        });
                    }
                    if (file != null) {
                        session.rememberModel(file);
                    }
                    notices.info("Model loaded", model.info().name() + " (" + shape(model.info().input()) + ", "
                            + model.info().numClasses() + " classes)");
                })
                .whenFailed(message -> {
                    String kept = info() == null ? "" : " — still using " + info().name();
                    loadError.set(message + kept);
                    if (file != null && !Files.exists(file)) {
                        session.forget(file);
                    }
                })
                .whenDone(() -> loading.set(false));
    }

    private static Path bundledCopy(String resource) throws IOException, ModelLoadException {
        Path tmp = Files.createTempFile("advlens-bundled-", ".zip");
        try (InputStream in = ModelLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelLoadException(Path.of(resource.substring(resource.lastIndexOf('/') + 1)),
                        "the bundled model is missing");
            }
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        return tmp;
    }

    private void showInfo(ModelInfo info) {
        layers.setAll(info == null ? List.of() : info.layers());
        classNames.setAll(info == null ? List.of() : info.classNames());
        Classifier model = workspace.model();
        facts.setAll(info == null ? List.of() : ModelText.facts(info, model == null ? null : model.computePath()));
        if (info != null) {
            form.fill(info);
        }
    }

    static String shape(InputSpec in) {
        return in.channels() + "×" + in.height() + "×" + in.width();
    }

    private ModelInfo info() {
        return workspace.modelInfo();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Why the last load failed, or an empty string. */
    public ReadOnlyStringProperty loadErrorProperty() {
        return loadError.getReadOnlyProperty();
    }

    public void dismissError() {
        loadError.set("");
    }

    public StringBinding titleProperty() {
        return title;
    }

    /** Multi-line facts about the model: format, input, classes, parameters, hash. */
    public StringBinding summaryProperty() {
        return summary;
    }

    public ObservableList<String> layers() {
        return layers;
    }

    /** Format, source, input, bounds, normalisation, classes, parameters, hash. */
    public ObservableList<ModelText.Fact> facts() {
        return facts;
    }

    public ObservableList<String> classNames() {
        return classNames;
    }

    public DescriptionForm form() {
        return form;
    }

    public BooleanBinding canApplyProperty() {
        return canApply;
    }

    /** Whether a file name looks like a model file (used for drag and drop). */
    public static boolean looksLikeModel(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".zip") || n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".keras")
                || n.endsWith(".onnx");
    }
}
