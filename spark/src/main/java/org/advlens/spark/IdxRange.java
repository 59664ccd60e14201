package org.advlens.spark;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.advlens.data.DataLoadException;
import org.advlens.data.IdxReader;
import org.advlens.data.Images;

/**
 * Reads the images {@code [from, to)} of an IDX image file (plain or gzip) from a stream, skipping the ones before
 * and stopping after: a task holds its own partition's images only. Pixels are converted exactly as
 * {@link IdxReader} does ({@code byte / 255} as a float).
 */
final class IdxRange {

    private IdxRange() {
    }

    static Images readImages(InputStream raw, String source, int from, int to) throws IOException {
        try (DataInputStream in = new DataInputStream(decompressIfGzip(raw))) {
            int magic = in.readInt();
            if (magic != IdxReader.IMAGES_MAGIC) {
                throw new DataLoadException(source, "not an IDX image file: expected magic 0x00000803, found 0x"
                        + Integer.toHexString(magic));
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (from < 0 || to > count || from > to) {
                throw new DataLoadException(source, "holds " + count + " images; cannot read [" + from + ", " + to
                        + ")");
            }
            long size = (long) rows * cols;
            in.skipNBytes(from * size);
            byte[] bytes = new byte[Math.toIntExact((to - from) * size)];
            in.readFully(bytes);
            float[] pixels = new float[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                pixels[i] = (bytes[i] & 0xFF) / 255f;
            }
            return new Images(pixels, to - from, 1, rows, cols);
        } catch (EOFException e) {
            throw new DataLoadException(source, "ends before image " + to, e);
        }
    }

    private static InputStream decompressIfGzip(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
