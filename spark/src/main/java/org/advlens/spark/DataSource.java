package org.advlens.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.util.List;
import org.advlens.data.Images;
import org.advlens.data.DataLoadException;
import org.advlens.data.Datasets;
import org.advlens.data.IdxReader;
import org.advlens.data.LabelledDataset;
import org.advlens.model.InputSpec;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Where a distributed evaluation's data lives, as a description that travels to the executors, on any path Spark can
 * read (local, {@code file:}, {@code hdfs://}, ...): the bundled 1,000 Fashion-MNIST test images; an IDX image file
 * (plain or gzip) with its label file; a class folder (one sub-folder of images per class, see {@link ClassFolder});
 * or a Parquet table with an image and a label column (see {@link ParquetColumns}). Executors read IDX files and
 * class folders themselves, each only its own examples, and the driver only counts them; a Parquet table is read
 * with Spark SQL and its rows are shuffled to the tasks, so the driver never holds images.
 *
 * @param images the IDX image file, class folder or Parquet table, or {@code null} for the bundled images
 * @param labels the IDX label file, or {@code null} for the file named like {@code images} with {@code images-idx3}
 *               replaced by {@code labels-idx1}; only for IDX data
 * @param limit use only the first {@code limit} examples; 0 for all
 * @param format how {@code images} is stored, or {@code null} to tell from the path ({@link DataFormat#detect})
 * @param columns the columns of a Parquet table ({@code null} for {@link ParquetColumns#DEFAULT})
 */
public record DataSource(String images, String labels, int limit, DataFormat format, ParquetColumns columns)
        implements Serializable {

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
        if (images == null && format != null) {
            throw new IllegalArgumentException("a data format (" + format + ") needs a data path");
        }
        if (labels != null && format != null && format != DataFormat.IDX) {
            throw new IllegalArgumentException("a label file (" + labels + ") is only for IDX data, not "
                    + format.name().toLowerCase(java.util.Locale.ROOT) + " data, which holds its labels");
        }
        columns = columns == null ? ParquetColumns.DEFAULT : columns;
    }

    /** An IDX image file with its label file, a class folder or a Parquet table, told apart by the path. */
    public DataSource(String images, String labels, int limit) {
        this(images, labels, limit, null, null);
    }

    /** The same data, limited to the first {@code n} examples. */
    public DataSource withLimit(int n) {
        return new DataSource(images, labels, n, format, columns);
    }

    /** The format of the data: as given, else detected from the path; {@code null} for the bundled images. */
    public DataFormat kind() throws IOException {
        if (images == null) {
            return null;
        }
        DataFormat kind = format != null ? format : DataFormat.detect(images);
        if (labels != null && kind != DataFormat.IDX) {
            throw new IllegalArgumentException(images + " is " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " data, which holds its labels; a label file (" + labels + ") is only for IDX image files");
        }
        return kind;
    }

    /**
     * The examples {@code ranges} as a Spark RDD, one partition per range: Parquet rows read with Spark SQL; for
     * other data, the bare ranges, whose examples each task reads itself.
     */
    JavaRDD<ExampleRange> partitions(JavaSparkContext spark, List<int[]> ranges) throws IOException {
        if (kind() == DataFormat.PARQUET) {
            return ParquetTable.ranges(images, columns, ranges);
        }
        return spark.parallelize(ranges.stream().map(r -> new ExampleRange(r[0], r[1], null)).toList(),
                ranges.size());
    }

    /** The examples of {@code range} fitted to the model's input: what a task evaluates. */
    LabelledDataset load(InputSpec spec, ExampleRange range) throws IOException {
        if (range.rows() == null) {
            return loadRange(spec, range.from(), range.to());
        }
        float[] pixels = new float[range.size() * spec.size()];
        int[] y = new int[range.size()];
        for (int k = 0; k < range.size(); k++) {
            ParquetRow row = range.rows()[k];
            System.arraycopy(row.image(spec, images).pixels(), 0, pixels, k * spec.size(), spec.size());
            y[k] = row.label();
        }
        return new LabelledDataset(name(), source(), new Images(pixels, range.size(), spec.channels(),
                spec.height(), spec.width()), y, List.of());
    }

    /**
     * The examples {@code [from, to)} of an IDX file, a class folder or the bundled images, fitted to the model's
     * input, with the name and source the engine's own loader gives the whole data set. Only those images are read
     * into memory.
     */
    public LabelledDataset loadRange(InputSpec spec, int from, int to) throws IOException {
        DataFormat kind = kind();
        if (kind == DataFormat.PARQUET) {
            throw new IllegalStateException("Parquet rows reach the tasks through Spark SQL, not by range");
        }
        if (kind == DataFormat.FOLDER) {
            ClassFolder folder = ClassFolder.list(images);
            if (to > folder.size()) {
                throw new DataLoadException(images, "holds " + folder.size() + " images; cannot read examples up to "
                        + to);
            }
            return new LabelledDataset(name(), source(), folder.read(spec, from, to),
                    java.util.Arrays.copyOfRange(folder.labels(), from, to), folder.classNames());
        }
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
        LabelledDataset raw = new LabelledDataset(name(), source(), x, java.util.Arrays.copyOfRange(y, from, to),
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
        } else if (kind() == DataFormat.FOLDER) {
            y = ClassFolder.list(images).labels();
        } else if (kind() == DataFormat.PARQUET) {
            long rows = ParquetTable.count(images, columns);
            if (rows == 0) {
                throw new IllegalArgumentException("the data set " + describe() + " holds no examples");
            }
            return (int) (limit == 0 ? Math.min(rows, Integer.MAX_VALUE) : Math.min(limit, rows));
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

    /** The error for a data set that cannot be read, naming it once. */
    IllegalArgumentException unreadable(IOException e) {
        String message = String.valueOf(e.getMessage());
        return new IllegalArgumentException("cannot read the data set " + (message.startsWith(describe()) ? message
                : describe() + ": " + message), e);
    }

    /** The file or folder name, as the engine's loaders name a data set. */
    private String name() {
        String trimmed = images.replaceAll("/+$", "");
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
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
