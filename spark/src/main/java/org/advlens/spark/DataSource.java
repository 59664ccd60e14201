package org.advlens.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import org.advlens.data.Images;
import org.advlens.data.DataLoadException;
import org.advlens.data.Datasets;
import org.advlens.data.IdxReader;
import org.advlens.data.LabelledDataset;
import org.advlens.model.InputSpec;

/**
 * Where a distributed evaluation's data lives, as a description that travels to the executors, which load it
 * themselves: the bundled 1,000 Fashion-MNIST test images, or an IDX image file (plain or gzip) with its label file
 * on any path Spark can read (local, {@code file:}, {@code hdfs://}, ...). The driver reads only the labels, to
 * count the examples; images never pass through it.
 *
 * @param images the IDX image file, or {@code null} for the bundled images
 * @param labels the IDX label file, or {@code null} for the file named like {@code images} with {@code images-idx3}
 *               replaced by {@code labels-idx1}
 * @param limit use only the first {@code limit} examples; 0 for all
 */
public record DataSource(String images, String labels, int limit) implements Serializable {

    /** The bundled 1,000 Fashion-MNIST test images. */
    public static final DataSource BUNDLED = new DataSource(null, null, 0);

    public DataSource {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0 (0 for all), got " + limit);
        }
        if (images == null && labels != null) {
            throw new IllegalArgumentException("a label file (" + labels + ") needs its IDX image file");
        }
        if (images != null && images.isBlank()) {
            throw new IllegalArgumentException("the image file's path must not be blank");
        }
    }

    /** The same data, limited to the first {@code n} examples. */
    public DataSource withLimit(int n) {
        return new DataSource(images, labels, n);
    }

    /**
     * The examples {@code [from, to)}, fitted to the model's input, with the name and source the engine's own loader
     * gives the whole data set: what a task evaluates. Only those images are read into memory.
     */
    public LabelledDataset loadRange(InputSpec spec, int from, int to) throws IOException {
        if (images == null) {
            LabelledDataset all = Datasets.bundledEvaluation(spec);
            return all.slice(from, to, all.name());
        }
        int[] y = readLabels();
        if (to > y.length) {
            throw new DataLoadException(images, "has " + y.length + " labels; cannot read examples up to " + to);
        }
        Images x;
        try (InputStream in = HadoopFiles.open(images)) {
            x = IdxRange.readImages(in, images, from, to);
        }
        String name = images.substring(images.lastIndexOf('/') + 1);
        LabelledDataset raw = new LabelledDataset(name, source(), x, java.util.Arrays.copyOfRange(y, from, to),
                java.util.List.of());
        return Datasets.fit(raw, spec);
    }

    /** The number of examples, from the labels alone. */
    public int size() throws IOException {
        int[] y;
        if (images == null) {
            try (InputStream in = Datasets.class.getResourceAsStream(Datasets.BUNDLED_LABELS)) {
                if (in == null) {
                    throw new DataLoadException(Datasets.BUNDLED_LABELS, "missing from the class path");
                }
                y = IdxReader.readLabels(in, Datasets.BUNDLED_LABELS);
            }
        } else {
            y = readLabels();
        }
        if (y.length == 0) {
            throw new IllegalArgumentException("the data set " + describe() + " holds no examples");
        }
        return limit == 0 ? y.length : Math.min(limit, y.length);
    }

    /** The path or name recorded in the result's provenance. */
    public String describe() {
        return images == null ? "classpath:" + Datasets.BUNDLED_IMAGES : images;
    }

    private int[] readLabels() throws IOException {
        String path = labelPath();
        if (HadoopFiles.isLocal(path) && !Files.isRegularFile(HadoopFiles.local(path))) {
            throw new DataLoadException(path, "no such label file");
        }
        try (InputStream in = HadoopFiles.open(path)) {
            return IdxReader.readLabels(in, path);
        }
    }

    /** What the engine's loader records as the source: the absolute path of a local file, else the URI. */
    private String source() throws IOException {
        return HadoopFiles.isLocal(images) ? HadoopFiles.local(images).toAbsolutePath().toString() : images;
    }

    private String labelPath() {
        if (labels != null) {
            return labels;
        }
        int slash = images.lastIndexOf('/');
        String name = images.substring(slash + 1);
        if (!name.contains("images-idx3")) {
            throw new IllegalArgumentException(images + " needs a label file: give the idx1-ubyte labels, or name"
                    + " the files like t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz");
        }
        return images.substring(0, slash + 1) + name.replace("images-idx3", "labels-idx1");
    }
}
