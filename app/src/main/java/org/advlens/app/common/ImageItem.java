package org.advlens.app.common;

import org.advlens.data.Images;

/**
 * One image the user can attack, as plain data.
 *
 * @param name display name (file name, sample name or "data set #12")
 * @param source where it came from, for provenance: a file path, a bundled resource or a data set
 * @param unit the image at its own size with values in [0, 1], kept so it can be refitted when the model changes
 * @param fitted the image fitted to the current model's input description (a batch of one)
 * @param label its true label, or {@code -1} when unknown
 */
public record ImageItem(String name, String source, Images unit, Images fitted, int label) {

    public static final int UNKNOWN = -1;

    public ImageItem {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an image needs a name");
        }
        if (fitted == null || fitted.count() != 1) {
            throw new IllegalArgumentException("an image item holds one fitted image, got " + fitted);
        }
        if (label < UNKNOWN) {
            throw new IllegalArgumentException("label must be -1 (unknown) or a class index, got " + label);
        }
        source = source == null ? "" : source;
    }

    public boolean labelled() {
        return label != UNKNOWN;
    }

    public ImageItem withFitted(Images newFitted) {
        return new ImageItem(name, source, unit, newFitted, label);
    }
}
