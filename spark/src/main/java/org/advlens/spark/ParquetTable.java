package org.advlens.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.advlens.data.DataLoadException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * A Parquet data set read with Spark SQL on the driver: the schema is checked, the rows are put in a fixed order (by
 * the index column if one is given, then by file path and row position within the file, from Spark's
 * {@code _metadata} columns), numbered, and shipped to the tasks in the batch-aligned ranges of {@link Partitioning}
 * (a shuffle of the encoded images, never a collect on the driver).
 */
final class ParquetTable {

    private static final String EXPECTED_IMAGE = "expected binary (PNG or JPEG bytes) or Spark's image struct"
            + " (data: binary, height, width, nChannels: int)";

    private ParquetTable() {
    }

    /** The number of rows, after checking the schema. */
    static long count(String location, ParquetColumns columns) throws DataLoadException {
        return ordered(location, columns).count();
    }

    /** The rows {@code [0, n)} in data-set order, one {@link ExampleRange} per range, in a partition of its own. */
    static JavaRDD<ExampleRange> ranges(String location, ParquetColumns columns, List<int[]> ranges)
            throws DataLoadException {
        int n = ranges.get(ranges.size() - 1)[1];
        return ordered(location, columns).javaRDD().zipWithIndex()
                .filter(t -> t._2() < n)
                .mapToPair(t -> new Tuple2<>(Math.toIntExact(t._2()), row(t._1(), Math.toIntExact(t._2()), location)))
                .partitionBy(new RangePartitioner(ranges))
                .mapPartitionsWithIndex((p, rows) -> {
                    int[] range = ranges.get(p);
                    ParquetRow[] out = new ParquetRow[range[1] - range[0]];
                    while (rows.hasNext()) {
                        ParquetRow r = rows.next()._2();
                        out[r.index() - range[0]] = r;
                    }
                    return List.of(new ExampleRange(range[0], range[1], out)).iterator();
                }, true);
    }

    private static ParquetRow row(Row r, int index, String location) {
        if (r.isNullAt(1)) {
            throw new IllegalArgumentException(location + ": row " + index + " has no label (null)");
        }
        if (r.isNullAt(0)) {
            throw new IllegalArgumentException(location + ": row " + index + " has no image (null)");
        }
        int label = Math.toIntExact(((Number) r.get(1)).longValue());
        byte[] data = (byte[]) r.get(0);
        if (r.isNullAt(2)) {
            return ParquetRow.encoded(index, label, data);
        }
        return new ParquetRow(index, label, data, r.getInt(2), r.getInt(3), r.getInt(4));
    }

    /** Columns: image data, label, height, width, channels (null for encoded images), in data-set order. */
    private static Dataset<Row> ordered(String location, ParquetColumns columns) throws DataLoadException {
        Dataset<Row> table;
        try {
            table = SparkSession.builder().getOrCreate().read().parquet(location);
        } catch (RuntimeException e) {
            throw new DataLoadException(location, "cannot be read as a Parquet table: " + e.getMessage(), e);
        }
        StructType schema = table.schema();
        DataType image = type(schema, columns.image(), location, "image");
        DataType label = type(schema, columns.label(), location, "label");
        if (!isIntegral(label)) {
            throw new DataLoadException(location, "label column '" + columns.label() + "' is "
                    + label.simpleString() + "; expected an integer type (int, long, short or byte)");
        }
        List<Column> select = new ArrayList<>();
        if (image.equals(DataTypes.BinaryType)) {
            Column none = lit(null).cast(DataTypes.IntegerType);
            select.addAll(List.of(col(columns.image()), col(columns.label()), none, none, none));
        } else if (isImageStruct(image)) {
            String s = columns.image() + ".";
            select.addAll(List.of(col(s + "data"), col(columns.label()), col(s + "height"), col(s + "width"),
                    col(s + "nChannels")));
        } else {
            throw new DataLoadException(location, "image column '" + columns.image() + "' is " + image.simpleString()
                    + "; " + EXPECTED_IMAGE);
        }
        List<Column> order = new ArrayList<>();
        if (columns.index() != null) {
            DataType index = type(schema, columns.index(), location, "index");
            if (!isIntegral(index)) {
                throw new DataLoadException(location, "index column '" + columns.index() + "' is "
                        + index.simpleString() + "; expected an integer type");
            }
            order.add(col(columns.index()));
        }
        order.add(col("_metadata.file_path"));
        order.add(col("_metadata.row_index"));
        for (int k = 0; k < order.size(); k++) {
            select.add(order.get(k).as("advlens_order_" + k));
        }
        Dataset<Row> picked = table.select(select.toArray(Column[]::new));
        return picked.orderBy(java.util.stream.IntStream.range(0, order.size())
                .mapToObj(k -> col("advlens_order_" + k)).toArray(Column[]::new));
    }

    private static DataType type(StructType schema, String column, String location, String role)
            throws DataLoadException {
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new DataLoadException(location, "has no " + role + " column '" + column + "'; its columns are "
                    + Arrays.toString(schema.fieldNames()));
        }
        return schema.apply(column).dataType();
    }

    private static boolean isIntegral(DataType t) {
        return t.equals(DataTypes.IntegerType) || t.equals(DataTypes.LongType) || t.equals(DataTypes.ShortType)
                || t.equals(DataTypes.ByteType);
    }

    private static boolean isImageStruct(DataType t) {
        if (!(t instanceof StructType s)) {
            return false;
        }
        List<String> names = Arrays.asList(s.fieldNames());
        if (!names.containsAll(List.of("data", "height", "width", "nChannels"))) {
            return false;
        }
        for (StructField f : s.fields()) {
            boolean ok = switch (f.name()) {
                case "data" -> f.dataType().equals(DataTypes.BinaryType);
                case "height", "width", "nChannels" -> f.dataType().equals(DataTypes.IntegerType);
                default -> true;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
