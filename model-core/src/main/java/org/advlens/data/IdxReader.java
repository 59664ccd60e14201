package org.advlens.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST (LeCun et al., 1998): {@code idx3-ubyte} image files and
 * {@code idx1-ubyte} label files, plain or gzip-compressed (detected from the magic bytes {@code 1f 8b}, not
 * the file name). Pixels are scaled from {@code [0, 255]} to {@code [0, 1]}; images have one channel.
 */
public final class IdxReader {

    /** Magic number of an unsigned-byte, three-dimensional IDX file (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an unsigned-byte, one-dimensional IDX file (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** Reads an {@code idx3-ubyte} image file, plain or gzip. */
    public static Images readImages(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return readImages(in, String.valueOf(file.getFileName()));
        }
    }

    /** Reads an {@code idx1-ubyte} label file, plain or gzip. */
    public static int[] readLabels(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return readLabels(in, String.valueOf(file.getFileName()));
        }
    }

    /**
     * Reads an image file and its label file and checks they hold the same number of examples.
     *
     * @param classNames class names, or an empty list when unknown
     */
    public static LabelledDataset readDataset(Path images, Path labels, String name, List<String> classNames)
            throws IOException {
        Images x = readImages(images);
        int[] y = readLabels(labels);
        if (x.count() != y.length) {
            throw new DataLoadException(images, "has " + x.count() + " images but " + labels.getFileName()
                    + " has " + y.length + " labels; expected one label per image");
        }
        checkLabels(y, classNames, labels.getFileName().toString());
        return new LabelledDataset(name, images.toAbsolutePath().toString(), x, y, classNames);
    }

    /** Reads images from a stream (plain or gzip); {@code source} names it in error messages. */
    public static Images readImages(InputStream raw, String source) throws IOException {
        DataInputStream in = new DataInputStream(decompressIfGzip(raw, source));
        try {
            int magic = readMagic(in, source);
            if (magic != IMAGES_MAGIC) {
                throw new DataLoadException(source, "not an IDX image file: expected magic " + hex(IMAGES_MAGIC)
                        + " (unsigned bytes, 3 dimensions), found " + hex(magic));
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 0 || rows < 1 || cols < 1) {
                throw new DataLoadException(source, "invalid IDX header: " + count + " images of " + rows + "x" + cols);
            }
            long total = (long) count * rows * cols;
            if (total > Integer.MAX_VALUE - 8) {
                throw new DataLoadException(source, "too large: " + count + " images of " + rows + "x" + cols
                        + " exceed " + (Integer.MAX_VALUE - 8) + " pixels");
            }
            String what = count + " images of " + rows + "x" + cols;
            // a byte and a float per pixel, plus the staging copy of the bytes
            checkFitsInMemory(source, what, total * 6);
            byte[] bytes = readFully(in, (int) total, source, what);
            float[] pixels = new float[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                pixels[i] = (bytes[i] & 0xFF) / 255f;
            }
            return new Images(pixels, count, 1, rows, cols);
        } catch (EOFException e) {
            throw truncated(source, "the IDX header", e);
        } catch (ZipException e) {
            throw new DataLoadException(source, "corrupt gzip data: " + e.getMessage(), e);
        }
    }

    /** Reads labels from a stream (plain or gzip); {@code source} names it in error messages. */
    public static int[] readLabels(InputStream raw, String source) throws IOException {
        DataInputStream in = new DataInputStream(decompressIfGzip(raw, source));
        try {
            int magic = readMagic(in, source);
            if (magic != LABELS_MAGIC) {
                throw new DataLoadException(source, "not an IDX label file: expected magic " + hex(LABELS_MAGIC)
                        + " (unsigned bytes, 1 dimension), found " + hex(magic));
            }
            int count = in.readInt();
            if (count < 0) {
                throw new DataLoadException(source, "invalid IDX header: " + count + " labels");
            }
            byte[] bytes = readFully(in, count, source, count + " labels");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xFF;
            }
            return labels;
        } catch (EOFException e) {
            throw truncated(source, "the IDX header", e);
        } catch (ZipException e) {
            throw new DataLoadException(source, "corrupt gzip data: " + e.getMessage(), e);
        }
    }

    static void checkLabels(int[] labels, List<String> classNames, String source) throws DataLoadException {
        if (classNames == null || classNames.isEmpty()) {
            return;
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= classNames.size()) {
                throw new DataLoadException(source, "label " + labels[i] + " at index " + i + " is outside [0, "
                        + classNames.size() + ") for the " + classNames.size() + " classes");
            }
        }
    }

    private static InputStream open(Path file) throws IOException {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new DataLoadException(file, "no such file (" + file.toAbsolutePath() + ")", e);
        } catch (IOException e) {
            throw new DataLoadException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Wraps the stream in a gzip decoder if it starts with the gzip magic bytes {@code 1f 8b}. */
    static InputStream decompressIfGzip(InputStream raw, String source) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 != 0x1f || b1 != 0x8b) {
            return in;
        }
        try {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        } catch (EOFException e) {
            throw new DataLoadException(source, "truncated: the file ends inside the gzip header", e);
        } catch (ZipException e) {
            throw new DataLoadException(source, "corrupt gzip header: " + e.getMessage(), e);
        }
    }

    private static int readMagic(DataInputStream in, String source) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new DataLoadException(source, "empty or truncated file: no IDX header", e);
        }
    }

    /**
     * Reads the {@code length} bytes the header announces. The buffer grows with the data actually read, so a
     * header announcing more than the file holds fails as truncated without first allocating the announced size.
     */
    private static byte[] readFully(DataInputStream in, int length, String source, String what) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new DataLoadException(source, "truncated: the header announces " + what + " (" + length
                    + " bytes) but the data ends after " + bytes.length + " bytes");
        }
        return bytes;
    }

    /** Refuses a header whose data would take more than half of the heap, before anything is allocated. */
    private static void checkFitsInMemory(String source, String what, long bytes) throws DataLoadException {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max / 2) {
            throw new DataLoadException(source, "too large: the header announces " + what + ", which need about "
                    + (bytes >> 20) + " MiB of memory, more than half of the " + (max >> 20) + " MiB this JVM may"
                    + " use; read a smaller file or start the JVM with a larger -Xmx");
        }
    }

    private static DataLoadException truncated(String source, String where, EOFException e) {
        return new DataLoadException(source, "truncated: the file ends inside " + where, e);
    }

    private static String hex(int v) {
        return String.format("0x%08X", v);
    }
}
