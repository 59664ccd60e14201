package org.advlens.spark;

import java.io.Serializable;

/**
 * The columns of a Parquet data set.
 *
 * @param image the image column: binary (an encoded PNG, JPEG, BMP or GIF file) or Spark's image data source struct
 *              ({@code data}, {@code height}, {@code width}, {@code nChannels}, 8 bits per channel, BGR(A) order)
 * @param label the label column: an integer type (byte, short, int or long), no nulls
 * @param index a column of an integer type giving the example order, or {@code null} to keep the order of the files
 *              (sorted by path) and of the rows within each file
 */
public record ParquetColumns(String image, String label, String index) implements Serializable {

    /** The columns {@code image} and {@code label}, in file order. */
    public static final ParquetColumns DEFAULT = new ParquetColumns("image", "label", null);

    public ParquetColumns {
        if (image == null || image.isBlank() || label == null || label.isBlank()) {
            throw new IllegalArgumentException("the image and label column names must not be blank, got '" + image
                    + "' and '" + label + "'");
        }
        if (index != null && index.isBlank()) {
            throw new IllegalArgumentException("the index column's name must not be blank (null for file order)");
        }
        if (image.equals(label)) {
            throw new IllegalArgumentException("the image and label columns must differ, got '" + image + "' twice");
        }
    }
}
