package org.advlens.model.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.advlens.model.ModelLoadException;

/**
 * Checks a DL4J model zip before DL4J's {@code ModelSerializer} reads it. {@code ModelSerializer} reads every entry
 * of the zip into a byte array, so a small zip whose entries inflate to gigabytes (a zip bomb) would exhaust the
 * heap; and it deserialises an entry {@value #PREPROCESSOR_ENTRY} with Java's {@code ObjectInputStream}, which
 * must never see an untrusted file. The entries are inflated once here, counting the bytes actually produced (the
 * sizes the zip declares are not trusted), and nothing is written to disk, so entry names such as
 * {@code ../../x} are never used as paths.
 */
public final class ModelZipCheck {

    /** The entry {@code ModelSerializer} reads with {@code ObjectInputStream}. */
    public static final String PREPROCESSOR_ENTRY = "preprocessor.bin";
    /** The entry holding the parameters, written by {@code Nd4j.write}. */
    static final String COEFFICIENTS_ENTRY = "coefficients.bin";
    /** Bytes read for the two buffer headers of {@value #COEFFICIENTS_ENTRY}: the shape buffer is at most 4 KiB. */
    private static final int HEADER_BYTES = 8 << 10;
    /** The largest entry DL4J can hold in one byte array. */
    static final long MAX_ENTRY_BYTES = Integer.MAX_VALUE - 8;

    private ModelZipCheck() {
    }

    /** Checks with a bound of a quarter of the heap on all entries together. */
    public static void check(Path file) throws ModelLoadException {
        check(file, Runtime.getRuntime().maxMemory() / 4);
    }

    /**
     * Refuses the zip if it has a {@value #PREPROCESSOR_ENTRY} entry, or if its entries inflate to more than
     * {@code maxInflatedBytes} together or {@link #MAX_ENTRY_BYTES} alone.
     */
    public static void check(Path file, long maxInflatedBytes) throws ModelLoadException {
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             ZipInputStream in = new ZipInputStream(raw)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(PREPROCESSOR_ENTRY)) {
                    throw new ModelLoadException(file, "the zip holds " + PREPROCESSOR_ENTRY + ", a Java-serialised"
                            + " object that DL4J would deserialise; AdvLens does not load such entries from a model"
                            + " file (save the network without a preprocessor)");
                }
                byte[] head = entry.getName().equals(COEFFICIENTS_ENTRY) ? in.readNBytes(HEADER_BYTES) : new byte[0];
                long size = head.length;
                total += head.length;
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    size += n;
                    total += n;
                    if (size > MAX_ENTRY_BYTES) {
                        throw new ModelLoadException(file, "the entry " + entry.getName() + " inflates to more than"
                                + " 2 GiB, more than DL4J can read (a zip bomb?)");
                    }
                    if (total > maxInflatedBytes) {
                        throw new ModelLoadException(file, "the entries inflate to more than " + (maxInflatedBytes >> 20)
                                + " MiB (at " + entry.getName() + "); DL4J reads every entry into memory, and this JVM"
                                + " allows " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB (a zip bomb? if not,"
                                + " start the JVM with a larger -Xmx)");
                    }
                }
                if (entry.getName().equals(COEFFICIENTS_ENTRY)) {
                    checkCoefficients(file, head, size);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelLoadException(file, "corrupt or truncated zip file: " + ModelLoadException.rootMessage(e), e);
        }
    }

    /**
     * Checks the element counts that the shape and data buffers of {@value #COEFFICIENTS_ENTRY} announce against the
     * entry's size: {@code Nd4j.read} allocates (and zero-fills) the announced count natively before reading, so
     * a 2 KiB entry announcing 2^31 floats would take 8 GiB of native memory. Each buffer is written by
     * {@code DataBuffer.write} as its allocation mode, its element count and its type, then the elements.
     */
    private static void checkCoefficients(Path file, byte[] head, long entryBytes) throws ModelLoadException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(head));
        try {
            for (String buffer : new String[] {"shape", "data"}) {
                in.readUTF();
                long length = in.readLong();
                String type = in.readUTF();
                if (length < 0 || length > entryBytes) {
                    throw new ModelLoadException(file, COEFFICIENTS_ENTRY + " announces " + length + " elements in its "
                            + buffer + " buffer but holds " + entryBytes + " bytes; the parameters are corrupt");
                }
                if (buffer.equals("shape")) {
                    if (!type.equals("LONG") && !type.equals("INT")) {
                        throw new ModelLoadException(file, COEFFICIENTS_ENTRY + " has a shape buffer of type " + type
                                + "; expected LONG or INT, as Nd4j.write writes");
                    }
                    in.skipNBytes(length * (type.equals("LONG") ? Long.BYTES : Integer.BYTES));
                }
            }
        } catch (IOException e) {
            throw new ModelLoadException(file, COEFFICIENTS_ENTRY + " is truncated or corrupt in its header: "
                    + ModelLoadException.rootMessage(e), e);
        }
    }
}
