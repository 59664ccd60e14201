package org.advlens.spark;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import org.advlens.data.DataLoadException;
import org.advlens.data.ImageConversion;
import org.advlens.data.ImageFiles;
import org.advlens.data.Images;
import org.advlens.model.InputSpec;

/**
 * One example of a Parquet data set on its way to a task: its index in the data set, its label and its image, either
 * an encoded file ({@code height < 0}) or the raw 8-bit pixels of Spark's image data source (row-major, channels
 * interleaved in BGR or BGRA order, as OpenCV stores them).
 */
record ParquetRow(int index, int label, byte[] data, int height, int width, int channels) implements Serializable {

    /** An encoded image file (PNG, JPEG, BMP or GIF). */
    static ParquetRow encoded(int index, int label, byte[] file) {
        return new ParquetRow(index, label, file, -1, -1, -1);
    }

    ParquetRow {
        if (data == null) {
            throw new IllegalArgumentException("row " + index + " has no image");
        }
        if (label < 0) {
            throw new IllegalArgumentException("row " + index + " has label " + label + "; labels must be >= 0");
        }
    }

    /** The image as a batch of one fitted to {@code spec}; {@code source} names the table in errors. */
    Images image(InputSpec spec, String source) throws IOException {
        if (height < 0) {
            return ImageFiles.fromBufferedImage(ImageFiles.decode(new ByteArrayInputStream(data),
                    source + " row " + index), spec);
        }
        return ImageConversion.fitToSpec(unitPixels(source), spec);
    }

    private Images unitPixels(String source) throws DataLoadException {
        if (height < 1 || width < 1 || (channels != 1 && channels != 3 && channels != 4)) {
            throw new DataLoadException(source, "row " + index + ": image struct of " + height + "x" + width + "x"
                    + channels + "; expected positive height and width and 1, 3 or 4 channels");
        }
        int plane = height * width;
        if (data.length != plane * channels) {
            throw new DataLoadException(source, "row " + index + ": image data holds " + data.length + " bytes, not "
                    + height + "x" + width + "x" + channels + " = " + plane * channels
                    + "; expected 8 bits per channel");
        }
        if (channels == 1) {
            float[] px = new float[plane];
            for (int p = 0; p < plane; p++) {
                px[p] = (data[p] & 0xFF) / 255f;
            }
            return new Images(px, 1, 1, height, width);
        }
        float[] px = new float[3 * plane];
        for (int p = 0; p < plane; p++) {
            int at = p * channels;
            px[p] = (data[at + 2] & 0xFF) / 255f;
            px[plane + p] = (data[at + 1] & 0xFF) / 255f;
            px[2 * plane + p] = (data[at] & 0xFF) / 255f;
        }
        return new Images(px, 1, 3, height, width);
    }
}
