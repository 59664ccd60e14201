package org.advlens.app.compare;

import org.advlens.model.Classifier;

/**
 * A model loaded for comparison, owned by the Compare view, which closes it on the engine thread when it is removed.
 *
 * @param label what the list shows
 * @param classifier the loaded model
 */
public record ComparedModel(String label, Classifier classifier) {
    public ComparedModel {
        if (label == null || label.isBlank() || classifier == null) {
            throw new IllegalArgumentException("a compared model needs a label and a classifier");
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
