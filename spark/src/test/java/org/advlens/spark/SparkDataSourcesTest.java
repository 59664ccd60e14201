package org.advlens.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.advlens.attack.AttackParams;
import org.advlens.data.Datasets;
import org.advlens.data.FolderDataset;
import org.advlens.data.ImageFiles;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.CurveResult;
import org.advlens.eval.CurveSpec;
import org.advlens.eval.RobustnessCurve;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inputs beyond IDX files: a class folder of 30 bundled images written as PNGs, and Parquet tables written with
 * Spark from the same images (PNG bytes in file order; Spark's image struct in shuffled order with an index column),
 * each give the same per-example FGSM curve on {@code local[2]} as the local engine on the class folder; bad input
 * is rejected with a message naming what was expected.
 */
class SparkDataSourcesTest {

    private static final CurveSpec FGSM = new CurveSpec(List.of(new CurveSpec.Entry("fgsm",
            AttackParams.defaults().withSeed(3))), new double[] {0.05, 0.1}, 10);
    private static final int PER_CLASS = 3;

    @TempDir
    static Path dir;

    private static JavaSparkContext spark;
    private static SparkSession sql;
    private static Path folder;
    private static CurveResult local;
    private static List<Integer> order;
    private static List<Path> files;

    @BeforeAll
    static void writeDataAndComputeTheLocalCurve() throws Exception {
        spark = new JavaSparkContext(LocalSpark.conf("local[2]"));
        sql = SparkSession.builder().getOrCreate();
        LabelledDataset bundled = Datasets.bundledEvaluation();
        folder = dir.resolve("fashion");
        files = new ArrayList<>();
        int[] taken = new int[10];
        for (int i = 0; i < bundled.size() && files.size() < 10 * PER_CLASS; i++) {
            int label = bundled.label(i);
            if (taken[label]++ < PER_CLASS) {
                Path file = folder.resolve("class-" + label).resolve(String.format("img-%04d.png", i));
                Files.createDirectories(file.getParent());
                ImageFiles.writePng(bundled.images(), i, 0, 1, file);
                files.add(file);
            }
        }
        Files.writeString(folder.resolve("classes.txt"), "ignored by the loaders\n");
        Collections.sort(files);
        try (Classifier model = ModelLoader.bundledDefault()) {
            LabelledDataset data = FolderDataset.load(folder, model.inputSpec());
            local = new RobustnessCurve(model, data, FGSM, p -> { }).run(ProgressListener.NONE,
                    CancellationToken.create());
        }
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void aClassFolderGivesTheLocalCurve() {
        CurveResult distributed = run(new DataSource(folder.toString(), null, 0));
        SparkCurveTest.assertSamePoints(local, distributed);
        assertEquals(30, distributed.size());
    }

    @Test
    void aParquetTableOfPngBytesInFileOrderGivesTheLocalCurve() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (Path f : files) {
            rows.add(RowFactory.create(Files.readAllBytes(f), label(f)));
        }
        StructType schema = new StructType().add("image", DataTypes.BinaryType).add("label", DataTypes.IntegerType);
        Path table = dir.resolve("png.parquet");
        sql.createDataFrame(rows, schema).repartition(1).write().parquet(table.toString());
        List<String> messages = Collections.synchronizedList(new ArrayList<>());
        CurveResult distributed = new SparkCurve(spark, ModelSource.BUNDLED, new DataSource(table.toString(), null, 0),
                FGSM, 2, TaskFault.NONE).run((f, m) -> messages.add(m), CancellationToken.create()).result();
        SparkCurveTest.assertSameExamples(local, distributed);
        assertEquals("2/2 partitions, 30/30 examples", messages.get(messages.size() - 1));
        assertEquals("png.parquet", distributed.dataName());
    }

    @Test
    void aParquetTableOfSparkImageStructsInShuffledOrderFollowsItsIndexColumn() throws Exception {
        StructType image = new StructType().add("origin", DataTypes.StringType).add("height", DataTypes.IntegerType)
                .add("width", DataTypes.IntegerType).add("nChannels", DataTypes.IntegerType)
                .add("mode", DataTypes.IntegerType).add("data", DataTypes.BinaryType);
        StructType schema = new StructType().add("position", DataTypes.LongType).add("picture", image)
                .add("class", DataTypes.ShortType);
        List<Row> rows = new ArrayList<>();
        for (int k = files.size() - 1; k >= 0; k--) {
            Images px = ImageFiles.readUnit(files.get(k));
            byte[] bytes = new byte[px.pixels().length];
            for (int p = 0; p < bytes.length; p++) {
                bytes[p] = (byte) Math.round(px.pixels()[p] * 255f);
            }
            rows.add(RowFactory.create((long) k, RowFactory.create(files.get(k).toString(), 28, 28, 1, 0, bytes),
                    (short) label(files.get(k))));
        }
        Path table = dir.resolve("structs");
        sql.createDataFrame(rows, schema).repartition(3).write().parquet(table.toString());
        DataSource data = new DataSource(table.toString(), null, 0, null,
                new ParquetColumns("picture", "class", "position"));
        assertEquals(DataFormat.PARQUET, data.kind());
        SparkCurveTest.assertSameExamples(local, run(data));
    }

    @Test
    void badInputIsRejectedWithAClearMessage() throws Exception {
        StructType schema = new StructType().add("image", DataTypes.BinaryType).add("label", DataTypes.StringType);
        Path table = dir.resolve("text-labels.parquet");
        sql.createDataFrame(List.of(RowFactory.create(Files.readAllBytes(files.get(0)), "shirt")), schema)
                .write().parquet(table.toString());
        assertMessage(new DataSource(table.toString(), null, 0), "label column 'label' is string; expected an"
                + " integer type");
        assertMessage(new DataSource(table.toString(), null, 0, DataFormat.PARQUET,
                new ParquetColumns("pixels", "label", null)), "has no image column 'pixels'; its columns are [image,"
                + " label]");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertMessage(new DataSource(empty.toString(), null, 0), "has no sub-folders");
        Files.createDirectories(empty.resolve("cats"));
        Files.writeString(empty.resolve("cats").resolve("notes.txt"), "no images here");
        assertMessage(new DataSource(empty.toString(), null, 0), "class folder 'cats' has no image files");
        assertThrows(IllegalArgumentException.class, () -> new DataSource(folder.toString(), "labels.gz", 0,
                DataFormat.FOLDER, null));
        assertThrows(IllegalArgumentException.class, () -> DataFormat.parse("csv"));
        assertThrows(IllegalArgumentException.class, () -> new ParquetColumns("x", "x", null));
    }

    private static void assertMessage(DataSource data, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(data));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static int label(Path file) {
        return Integer.parseInt(file.getParent().getFileName().toString().substring("class-".length()));
    }

    private static CurveResult run(DataSource data) {
        return new SparkCurve(spark, ModelSource.BUNDLED, data, FGSM, 2, TaskFault.NONE)
                .run(ProgressListener.NONE, CancellationToken.create()).result();
    }
}
