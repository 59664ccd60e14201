package org.advlens.data;

import java.util.Arrays;
import java.util.List;

/**
 * Images with their true labels, in a fixed order that results refer to.
 *
 * @param name display name
 * @param source where the data came from (file, folder or bundled resource), for provenance
 * @param images the images, in pixel space
 * @param labels one label per image, each in {@code [0, classNames.size())}
 * @param classNames names of the classes, or an empty list when unknown
 */
public record LabelledDataset(String name, String source, Images images, int[] labels, List<String> classNames) {

    public LabelledDataset {
        if (images == null || labels == null) {
            throw new IllegalArgumentException("images and labels are required");
        }
        if (labels.length != images.count()) {
            throw new IllegalArgumentException(images.count() + " images but " + labels.length + " labels");
        }
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        for (int l : labels) {
            if (l < 0 || (!classNames.isEmpty() && l >= classNames.size())) {
                throw new IllegalArgumentException("label " + l + " outside [0, " + classNames.size() + ")");
            }
        }
        labels = labels.clone();
    }

    public int size() {
        return labels.length;
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    public int label(int index) {
        return labels[index];
    }

    /** Examples {@code from} (inclusive) to {@code to} (exclusive), under {@code name}. */
    public LabelledDataset slice(int from, int to, String name) {
        return new LabelledDataset(name, source, images.slice(from, to), Arrays.copyOfRange(labels, from, to),
                classNames);
    }

    /** The first {@code limit} examples (all of them if {@code limit} is not smaller). */
    public LabelledDataset limit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        if (limit >= size()) {
            return this;
        }
        return new LabelledDataset(name, source, images.slice(0, limit), Arrays.copyOf(labels, limit), classNames);
    }

    /** The examples whose label is in {@code classes} ({@code keep}) or not in them, in order, under {@code name}. */
    public LabelledDataset selectClasses(java.util.Collection<Integer> classes, boolean keep, String name) {
        int[] chosen = java.util.stream.IntStream.range(0, size())
                .filter(i -> classes.contains(labels[i]) == keep).toArray();
        int pixels = images.imageSize();
        float[] all = images.pixels();
        float[] x = new float[chosen.length * pixels];
        int[] y = new int[chosen.length];
        for (int k = 0; k < chosen.length; k++) {
            System.arraycopy(all, chosen[k] * pixels, x, k * pixels, pixels);
            y[k] = labels[chosen[k]];
        }
        return new LabelledDataset(name, source, new Images(x, chosen.length, images.channels(), images.height(),
                images.width()), y, classNames);
    }
}
