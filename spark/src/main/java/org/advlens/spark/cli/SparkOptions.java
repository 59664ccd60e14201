package org.advlens.spark.cli;

import org.advlens.spark.DataFormat;
import org.advlens.spark.DataSource;
import org.advlens.spark.ParquetColumns;
import org.advlens.spark.LocalSpark;
import org.advlens.spark.ModelSource;
import org.apache.spark.SparkConf;
import picocli.CommandLine.Option;

/** Where to run and on what: the Spark master, the partitions, the model and the data. */
final class SparkOptions {

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[*], local[N,F] (F attempts per task), spark://host:7077, yarn, "
                    + "k8s://...; under spark-submit, its --master wins (default: local[*])")
    String master;

    @Option(names = "--partitions", paramLabel = "N",
            description = "partitions of the data set, each a whole number of batches (default: 4 per core)")
    Integer partitions;

    @Option(names = "--model", paramLabel = "PATH",
            description = "DL4J model zip, Keras .h5 or ONNX file, on a path every executor can read (local, file:, "
                    + "hdfs://...) (default: the bundled Fashion-MNIST CNN)")
    String model;

    @Option(names = "--data", paramLabel = "PATH",
            description = "on any path Spark can read: an IDX image file (plain or .gz), a class folder (one "
                    + "sub-folder of images per class) or a Parquet table (a .parquet file or a folder of them) "
                    + "(default: the bundled 1000 Fashion-MNIST test images)")
    String data;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "idx, folder or parquet (default: from --data: a .parquet name or a folder holding "
                    + ".parquet files is Parquet, another folder a class folder, a file IDX)")
    String format;

    @Option(names = "--labels", paramLabel = "PATH",
            description = "IDX label file (default: named like --data with 'labels-idx1' for 'images-idx3')")
    String labels;

    @Option(names = "--image-column", paramLabel = "NAME", defaultValue = "image",
            description = "Parquet: the image column, binary PNG/JPEG bytes or Spark's image struct (default: image)")
    String imageColumn;

    @Option(names = "--label-column", paramLabel = "NAME", defaultValue = "label",
            description = "Parquet: the integer label column (default: label)")
    String labelColumn;

    @Option(names = "--index-column", paramLabel = "NAME",
            description = "Parquet: an integer column giving the example order (default: file order, files sorted "
                    + "by path)")
    String indexColumn;

    @Option(names = "--limit", paramLabel = "N", description = "use only the first N images")
    Integer limit;

    SparkConf conf() {
        String configured = new SparkConf().get("spark.master", null);
        String chosen = configured != null ? configured : master != null ? master : "local[*]";
        SparkConf conf = LocalSpark.conf(chosen);
        return conf.setAppName("AdvLens");
    }

    ModelSource modelSource() {
        return new ModelSource(model);
    }

    DataSource dataSource() {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be positive, got " + limit);
        }
        return new DataSource(data, labels, limit == null ? 0 : limit, format == null ? null
                : DataFormat.parse(format), new ParquetColumns(imageColumn, labelColumn, indexColumn));
    }

    int partitions(int defaultParallelism) {
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException("--partitions must be positive, got " + partitions);
        }
        return partitions != null ? partitions : 4 * Math.max(1, defaultParallelism);
    }
}
