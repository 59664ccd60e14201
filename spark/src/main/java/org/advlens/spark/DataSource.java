package org.advlens.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** The whole data set (limited), fitted to the model's input: what an executor evaluates a range of. */
    public LabelledDataset load(InputSpec spec) throws IOException {
        LabelledDataset set = images == null ? Datasets.bundledEvaluation(spec)
                : Datasets.load(HadoopFiles.local(images), HadoopFiles.local(labelPath()), spec);
        return limit == 0 ? set : set.limit(limit);
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
            Path file = HadoopFiles.local(labelPath());
            if (!Files.isRegularFile(file)) {
                throw new DataLoadException(file, "no such label file");
            }
            y = IdxReader.readLabels(file);
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
