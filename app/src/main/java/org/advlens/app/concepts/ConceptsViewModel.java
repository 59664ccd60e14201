package org.advlens.app.concepts;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.advlens.app.common.ImageItem;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.jobs.CurrentJob;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.jobs.JobRunner;
import org.advlens.data.Datasets;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.model.Classifier;
import org.advlens.saliency.relevance.Composite;
import org.advlens.saliency.relevance.ConceptAtlas;
import org.advlens.saliency.relevance.ConceptRelevance;

/**
 * State of the Concepts view: the concept layer, the LRP composite and how many concepts and reference images to
 * show; running concept relevance propagation on the current image as a job (relevance maximisation over the
 * bundled test images finds each concept's references); the result and the concept clicked.
 */
public final class ConceptsViewModel {

    private final Workspace workspace;
    private final JobRunner jobs;
    private final Notices notices;
    private final ObservableList<String> layers = FXCollections.observableArrayList();
    private final ObjectProperty<String> layer = new SimpleObjectProperty<>(this, "layer");
    private final ObjectProperty<String> composite = new SimpleObjectProperty<>(this, "composite", "lrp-composite");
    private final ObjectProperty<Integer> topConcepts = new SimpleObjectProperty<>(this, "topConcepts", 5);
    private final ObjectProperty<Integer> referencesPerConcept = new SimpleObjectProperty<>(this, "references", 6);
    private final ObjectProperty<Integer> imagesSearched = new SimpleObjectProperty<>(this, "imagesSearched", 1000);
    private final IntegerProperty selectedConcept = new SimpleIntegerProperty(this, "selectedConcept", -1);
    private final CurrentJob<ConceptsResult> job;
    private final BooleanBinding canRun;

    public ConceptsViewModel(Workspace workspace, JobRunner jobs, Notices notices) {
        this.workspace = workspace;
        this.jobs = jobs;
        this.notices = notices;
        this.job = new CurrentJob<>(this, jobs);
        this.canRun = Bindings.createBooleanBinding(() -> workspace.readyProperty().get()
                && !job.runningProperty().get() && !layers.isEmpty(), workspace.readyProperty(),
                job.runningProperty(), layers);
        workspace.modelProperty().addListener((o, a, m) -> modelChanged(m));
        modelChanged(workspace.model());
    }

    /** The composites offered. */
    public static List<String> compositeChoices() {
        return Composite.NAMES;
    }

    private void modelChanged(Classifier model) {
        job.clearResult();
        selectedConcept.set(-1);
        if (model == null) {
            layers.clear();
            return;
        }
        try {
            layers.setAll(ConceptRelevance.layerChoices(model));
            String conv = new ConceptRelevance(model, ConceptRelevance.Options.defaults()).layer();
            layer.set(conv);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            layers.clear();
            layer.set(null);
            notices.info("Concepts need the layers of a sequential DL4J network", e.getMessage());
        }
    }

    /** Explains the current image for its predicted class; finds each concept's references in the test images. */
    public EngineTask<ConceptsResult> run() {
        if (!canRun.get()) {
            return null;
        }
        Classifier model = workspace.model();
        ImageItem item = workspace.image();
        Images image = item.fitted();
        ConceptRelevance.Options options = new ConceptRelevance.Options(
                Composite.byName(composite.get(), Composite.DEFAULT_EPSILON, Composite.DEFAULT_GAMMA), layer.get(),
                topConcepts.get(), 64);
        int perConcept = referencesPerConcept.get();
        int searched = imagesSearched.get();
        job.clearResult();
        selectedConcept.set(-1);
        EngineTask<ConceptsResult> task = job.start("Concepts of " + item.name(), (progress, token) -> {
            LabelledDataset refs = Datasets.bundledEvaluation(model.inputSpec()).limit(searched);
            int target = model.predict(image.toArray())[0];
            ConceptAtlas atlas = ConceptAtlas.build(model, options, image, new int[] {target}, refs.images(),
                    perConcept, progress, token);
            return new ConceptsResult(image, atlas.entries().get(0), refs.images(), refs.source(),
                    model.classNames(), model.inputSpec().lower(), model.inputSpec().upper(),
                    options.composite().name());
        });
        task.whenSucceeded(r -> selectedConcept.set(r.entry().explanation().concepts().isEmpty() ? -1 : 0));
        return task;
    }

    /** Stops the running job. */
    public void cancel() {
        job.cancel();
    }

    public ObservableList<String> layers() {
        return FXCollections.unmodifiableObservableList(layers);
    }

    public ObjectProperty<String> layerProperty() {
        return layer;
    }

    public ObjectProperty<String> compositeProperty() {
        return composite;
    }

    public ObjectProperty<Integer> topConceptsProperty() {
        return topConcepts;
    }

    public ObjectProperty<Integer> referencesPerConceptProperty() {
        return referencesPerConcept;
    }

    /** How many of the bundled test images relevance maximisation searches for reference images. */
    public ObjectProperty<Integer> imagesSearchedProperty() {
        return imagesSearched;
    }

    /** The concept shown in detail, an index into the result's concepts, or -1. */
    public IntegerProperty selectedConceptProperty() {
        return selectedConcept;
    }

    public ReadOnlyObjectProperty<ConceptsResult> resultProperty() {
        return job.resultProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }
}
