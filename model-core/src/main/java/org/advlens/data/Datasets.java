package org.advlens.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.advlens.model.InputSpec;

/**
 * Loads labelled data from files or from the data bundled with AdvLens, fitted to a model's {@link InputSpec}.
 *
 * <p>Every source goes through the same pipeline ({@link ImageConversion#fitToSpec}): IDX images of 28x28 given
 * a spec of 3x32x32 are replicated to three channels and resized; values are mapped onto the spec's bounds.
 */
public final class Datasets {

    /** Class-path folder of the bundled resources. */
    public static final String RESOURCE_ROOT = "/advlens/";
    /** The bundled evaluation images: the first 1,000 Fashion-MNIST test images, IDX gzip. */
    public static final String BUNDLED_IMAGES = RESOURCE_ROOT + "data/fashion-mnist-test-1000-images-idx3-ubyte.gz";
    /** Labels of {@link #BUNDLED_IMAGES}. */
    public static final String BUNDLED_LABELS = RESOURCE_ROOT + "data/fashion-mnist-test-1000-labels-idx1-ubyte.gz";
    /** Index of the bundled sample PNGs. */
    public static final String SAMPLES_INDEX = RESOURCE_ROOT + "samples/index.json";

    private Datasets() {
    }

    /**
     * Loads a data set from an IDX image file or a class folder.
     *
     * @param images an {@code idx3-ubyte} file (plain or gzip) or a folder with one sub-folder per class
     * @param labelsOrNull the {@code idx1-ubyte} label file of an IDX image file; when {@code null}, the file named
     *     like the image file with {@code images-idx3} replaced by {@code labels-idx1} is used. Must be
     *     {@code null} for a folder.
     * @param spec the model's input description
     * @return the data set; IDX data sets have no class names (an empty list), folders have their folder names
     */
    public static LabelledDataset load(Path images, Path labelsOrNull, InputSpec spec) throws IOException {
        if (Files.isDirectory(images)) {
            if (labelsOrNull != null) {
                throw new DataLoadException(images, "is a class folder, which takes its labels from its sub-folders;"
                        + " a label file (" + labelsOrNull.getFileName() + ") is only for IDX image files");
            }
            return FolderDataset.load(images, spec);
        }
        Path labels = labelsOrNull != null ? labelsOrNull : companionLabels(images);
        LabelledDataset raw = IdxReader.readDataset(images, labels, images.getFileName().toString(), List.of());
        return fit(raw, spec);
    }

    /** The bundled 1,000 Fashion-MNIST test images in their own format: 1x28x28 in [0, 1]. */
    public static LabelledDataset bundledEvaluation() throws IOException {
        Images x;
        int[] y;
        try (InputStream in = resource(BUNDLED_IMAGES)) {
            x = IdxReader.readImages(in, BUNDLED_IMAGES);
        }
        try (InputStream in = resource(BUNDLED_LABELS)) {
            y = IdxReader.readLabels(in, BUNDLED_LABELS);
        }
        if (x.count() != y.length) {
            throw new DataLoadException(BUNDLED_IMAGES, x.count() + " images but " + y.length + " labels");
        }
        return new LabelledDataset("Fashion-MNIST test (first 1000)", "classpath:" + BUNDLED_IMAGES, x, y,
                FashionMnist.CLASS_NAMES);
    }

    /** The bundled 1,000 Fashion-MNIST test images fitted to {@code spec}. */
    public static LabelledDataset bundledEvaluation(InputSpec spec) throws IOException {
        return fit(bundledEvaluation(), spec);
    }

    /** The bundled sample images, one per Fashion-MNIST class, as 1x28x28 in [0, 1]. */
    public static List<Sample> bundledSamples() throws IOException {
        return bundledSamples(InputSpec.grey(28, 28));
    }

    /** The bundled sample images fitted to {@code spec}, in the order of the index file. */
    public static List<Sample> bundledSamples(InputSpec spec) throws IOException {
        JsonNode index;
        try (InputStream in = resource(SAMPLES_INDEX)) {
            index = new ObjectMapper().readTree(in);
        }
        if (index == null || !index.isArray()) {
            throw new DataLoadException(SAMPLES_INDEX, "expected a JSON array of {\"file\", \"label\"} entries");
        }
        List<Sample> samples = new ArrayList<>();
        for (JsonNode e : index) {
            String file = e.path("file").asText("");
            int label = e.path("label").asInt(-1);
            if (file.isEmpty() || label < 0 || label >= FashionMnist.CLASS_NAMES.size()) {
                throw new DataLoadException(SAMPLES_INDEX, "invalid entry " + e + "; expected a file name and a label"
                        + " in [0, " + FashionMnist.CLASS_NAMES.size() + ")");
            }
            String path = RESOURCE_ROOT + "samples/" + file;
            try (InputStream in = resource(path)) {
                Images image = ImageFiles.fromBufferedImage(ImageFiles.decode(in, path), spec);
                samples.add(new Sample(FashionMnist.CLASS_NAMES.get(label), file, image, label));
            }
        }
        return samples;
    }

    /** Fits every image of {@code data} (values in [0, 1]) to {@code spec}; returns it unchanged if it fits. */
    public static LabelledDataset fit(LabelledDataset data, InputSpec spec) {
        Images fitted = ImageConversion.fitToSpec(data.images(), spec);
        return new LabelledDataset(data.name(), data.source(), fitted, data.labels(), data.classNames());
    }

    private static Path companionLabels(Path images) throws DataLoadException {
        String name = images.getFileName().toString();
        if (!name.contains("images-idx3")) {
            throw new DataLoadException(images, "needs a label file: give the idx1-ubyte labels, or name the files"
                    + " like train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz");
        }
        Path labels = images.resolveSibling(name.replace("images-idx3", "labels-idx1"));
        if (!Files.exists(labels)) {
            throw new DataLoadException(images, "no label file given and " + labels.getFileName()
                    + " does not exist next to it");
        }
        return labels;
    }

    private static InputStream resource(String path) throws DataLoadException {
        InputStream in = Datasets.class.getResourceAsStream(path);
        if (in == null) {
            throw new DataLoadException(path, "bundled resource missing from the class path");
        }
        return in;
    }

    /**
     * One bundled sample image.
     *
     * @param name the class name of its label
     * @param file its file name in the bundle
     * @param image the image as a batch of one
     * @param label its true label
     */
    public record Sample(String name, String file, Images image, int label) {
        public Sample {
            if (image == null || image.count() != 1) {
                throw new IllegalArgumentException("a sample is one image, got " + image);
            }
            if (label < 0) {
                throw new IllegalArgumentException("label must not be negative, got " + label);
            }
        }
    }

    /** Uniformly random images for {@code model} with random labels: timing data, not a data set. */
    public static LabelledDataset random(org.advlens.model.Classifier model, int count, long seed) {
        InputSpec spec = model.inputSpec();
        java.util.Random r = new java.util.Random(seed);
        float[] px = new float[count * spec.size()];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) (spec.lower() + r.nextDouble() * spec.range());
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = r.nextInt(model.numClasses());
        }
        return new LabelledDataset("random " + spec.channels() + "x" + spec.height() + "x" + spec.width(), "generated",
                new Images(px, count, spec.channels(), spec.height(), spec.width()), labels, model.classNames());
    }
}
