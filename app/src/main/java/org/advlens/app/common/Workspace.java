package org.advlens.app.common;

import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelInfo;

/**
 * What the features share: the loaded classifier and the selected image. Changed on the FX thread only.
 * The classifier itself is used only by jobs on the engine thread; the views see its {@link ModelInfo}.
 */
public final class Workspace {

    private final ReadOnlyObjectWrapper<Classifier> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyObjectWrapper<ModelInfo> modelInfo = new ReadOnlyObjectWrapper<>(this, "modelInfo");
    private final ReadOnlyObjectWrapper<Path> modelFile = new ReadOnlyObjectWrapper<>(this, "modelFile");
    private final ReadOnlyObjectWrapper<ImageItem> image = new ReadOnlyObjectWrapper<>(this, "image");
    private final BooleanBinding ready = Bindings.createBooleanBinding(this::isReady, model, image);

    /**
     * Makes {@code classifier} the current model and returns the previous one, which the caller closes on the
     * engine thread.
     *
     * @param file the model file, or {@code null} for the bundled model
     */
    public Classifier replaceModel(Classifier classifier, Path file) {
        Classifier old = model.get();
        modelFile.set(file);
        model.set(classifier);
        modelInfo.set(classifier == null ? null : classifier.info());
        return old;
    }

    public void selectImage(ImageItem item) {
        image.set(item);
    }

    public ReadOnlyObjectProperty<Classifier> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public Classifier model() {
        return model.get();
    }

    public ReadOnlyObjectProperty<ModelInfo> modelInfoProperty() {
        return modelInfo.getReadOnlyProperty();
    }

    public ModelInfo modelInfo() {
        return modelInfo.get();
    }

    /** The loaded model's file, or {@code null} for the bundled model. */
    public ReadOnlyObjectProperty<Path> modelFileProperty() {
        return modelFile.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ImageItem> imageProperty() {
        return image.getReadOnlyProperty();
    }

    public ImageItem image() {
        return image.get();
    }

    /** The current model's input description, or {@code null}. */
    public InputSpec inputSpec() {
        return modelInfo.get() == null ? null : modelInfo.get().input();
    }

    /** A model is loaded and an image fitted to it is selected. */
    public BooleanBinding readyProperty() {
        return ready;
    }

    private boolean isReady() {
        ImageItem item = image.get();
        Classifier c = model.get();
        if (item == null || c == null) {
            return false;
        }
        InputSpec spec = c.inputSpec();
        return item.fitted().channels() == spec.channels() && item.fitted().height() == spec.height()
                && item.fitted().width() == spec.width();
    }
}
