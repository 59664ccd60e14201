package org.advlens.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes image batches and labels in the IDX format read by {@link IdxReader}. Pixels in {@code [0, 1]} are
 * rounded to {@code [0, 255]}; only single-channel images can be written.
 */
public final class IdxWriter {

    private IdxWriter() {
    }

    /** Writes single-channel images with values in [0, 1]; gzip-compressed when {@code gzip} is true. */
    public static void writeImages(Images images, Path file, boolean gzip) throws IOException {
        if (images.channels() != 1) {
            throw new IllegalArgumentException("IDX image files hold one channel, got " + images.channels());
        }
        float[] px = images.pixels();
        byte[] bytes = new byte[px.length];
        for (int i = 0; i < px.length; i++) {
            float v = px[i];
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException("pixel " + i + " is " + v + "; IDX images need values in [0, 1]");
            }
            bytes[i] = (byte) Math.round(v * 255f);
        }
        try (DataOutputStream out = open(file, gzip)) {
            out.writeInt(IdxReader.IMAGES_MAGIC);
            out.writeInt(images.count());
            out.writeInt(images.height());
            out.writeInt(images.width());
            out.write(bytes);
        }
    }

    /** Writes labels in [0, 255]; gzip-compressed when {@code gzip} is true. */
    public static void writeLabels(int[] labels, Path file, boolean gzip) throws IOException {
        byte[] bytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i] + "; IDX labels need [0, 255]");
            }
            bytes[i] = (byte) labels[i];
        }
        try (DataOutputStream out = open(file, gzip)) {
            out.writeInt(IdxReader.LABELS_MAGIC);
            out.writeInt(labels.length);
            out.write(bytes);
        }
    }

    private static DataOutputStream open(Path file, boolean gzip) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
        return new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
    }
}
