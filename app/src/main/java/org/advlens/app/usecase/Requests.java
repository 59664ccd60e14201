package org.advlens.app.usecase;

import java.util.List;
import org.advlens.data.Images;
import org.advlens.model.Classifier;

/** Checks shared by the use cases' requests; each throws {@link IllegalArgumentException} naming the bad value. */
final class Requests {

    private Requests() {
    }

    static <T> T required(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }

    /** {@code images} is a non-empty batch of the model's input shape. */
    static void fitsModel(Classifier model, Images images) {
        required(model, "model");
        required(images, "images");
        if (images.count() < 1) {
            throw new IllegalArgumentException("at least one image is needed, got " + images.count());
        }
        var spec = model.inputSpec();
        if (images.channels() != spec.channels() || images.height() != spec.height()
                || images.width() != spec.width()) {
            throw new IllegalArgumentException("images of " + images.channels() + "x" + images.height() + "x"
                    + images.width() + " do not fit the model's input " + spec);
        }
    }

    /** Every class index is one of the model's classes. */
    static void classesOf(Classifier model, int[] classes, String what) {
        for (int c : classes) {
            if (c < 0 || c >= model.numClasses()) {
                throw new IllegalArgumentException(what + " " + c + " is outside the model's " + model.numClasses()
                        + " classes");
            }
        }
    }

    static <T> List<T> nonEmpty(List<T> list, String what) {
        if (list == null || list.isEmpty() || list.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("at least one " + what + " is needed, got " + list);
        }
        return List.copyOf(list);
    }
}
