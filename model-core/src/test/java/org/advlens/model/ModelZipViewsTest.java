package org.advlens.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.advlens.model.load.ModelLoader;
import org.advlens.model.load.ModelWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-made DL4J model zips whose local headers (read by {@code ZipInputStream}, so by DL4J) and central directory
 * (read by {@code ZipFile}) disagree: {@link ModelLoader#load(Path)} refuses every one, naming the disagreement,
 * while the same entries written consistently by the same writer load.
 */
class ModelZipViewsTest {

    private static final String CONF = "configuration.json";
    private static final String COEFFICIENTS = "coefficients.bin";

    @TempDir
    static Path dir;

    private static byte[] conf;
    private static byte[] coefficients;
    private static byte[] description;

    @BeforeAll
    static void writeModel() throws IOException {
        Path file = dir.resolve("model.zip");
        ModelWriter.save(TinyNetworks.cnn8(), TinyNetworks.description(InputSpec.grey(8, 8)), file);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        conf = entries.get(CONF);
        coefficients = entries.get(COEFFICIENTS);
        description = entries.get(ModelDescription.ZIP_ENTRY);
    }

    /**
     * A configuration of the same length that differs from the real one only in white space (its first line break
     * is a space): the same network, other bytes.
     */
    private static byte[] otherConf() {
        String json = new String(conf, StandardCharsets.UTF_8);
        assertTrue(json.indexOf('\n') > 0, "the configuration is written on several lines");
        return json.replaceFirst("\n", " ").getBytes(StandardCharsets.UTF_8);
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static String refusal(String name, byte[] bytes) throws IOException {
        Path file = write(name, bytes);
        return assertThrows(ModelLoadException.class, () -> ModelLoader.load(file)).getMessage();
    }

    @Test
    void aConsistentZipFromTheSameWriterLoads() throws Exception {
        RawZip zip = new RawZip();
        zip.local(CONF, conf);
        zip.local(COEFFICIENTS, coefficients);
        zip.local(ModelDescription.ZIP_ENTRY, description);
        zip.centralForEveryLocal();
        try (Classifier c = ModelLoader.load(write("consistent.zip", zip.bytes()))) {
            assertEquals(3, c.classNames().size());
        }
    }

    @Test
    void refusesASecondConfigurationThatOnlyTheCentralDirectoryPointsAt() throws IOException {
        RawZip zip = new RawZip();
        zip.local(CONF, conf);
        zip.local(COEFFICIENTS, coefficients);
        long hidden = zip.local(CONF, otherConf());
        zip.central(CONF, hidden, otherConf());
        zip.central(COEFFICIENTS, zip.offsetOf(1), coefficients);
        String m = refusal("shadowed.zip", zip.bytes());
        assertTrue(m.contains("two entries named configuration.json"), m);
    }

    @Test
    void refusesAnEntryRenamedInItsLocalHeaderOnly() throws IOException {
        RawZip zip = new RawZip();
        zip.local("configuratioX.json", conf);
        zip.local(COEFFICIENTS, coefficients);
        zip.central(CONF, zip.offsetOf(0), conf);
        zip.central(COEFFICIENTS, zip.offsetOf(1), coefficients);
        String m = refusal("renamed.zip", zip.bytes());
        assertTrue(m.contains("views of its entries disagree: entry 1 is configuration.json in its central directory"
                + " and configuratioX.json in its local headers"), m);
    }

    @Test
    void refusesACentralDirectoryThatPointsAnEntryAtOtherBytes() throws IOException {
        RawZip inner = new RawZip();
        inner.local(CONF, otherConf());
        byte[] record = inner.localBytes();
        RawZip zip = new RawZip();
        zip.local(CONF, conf);
        zip.local(COEFFICIENTS, coefficients);
        long padding = zip.local("padding.bin", record);
        long hidden = padding + RawZip.LOCAL_HEADER + "padding.bin".length();
        zip.central(CONF, hidden, otherConf());
        zip.central(COEFFICIENTS, zip.offsetOf(1), coefficients);
        zip.central("padding.bin", padding, record);
        String m = refusal("other-bytes.zip", zip.bytes());
        assertTrue(m.contains("the entry configuration.json has other bytes through its central directory ("
                + conf.length + " bytes) than through its local header (" + conf.length + " bytes)"), m);
    }

    @Test
    void refusesEntriesListedInAnotherOrder() throws IOException {
        RawZip zip = new RawZip();
        zip.local(CONF, conf);
        zip.local(COEFFICIENTS, coefficients);
        zip.central(COEFFICIENTS, zip.offsetOf(1), coefficients);
        zip.central(CONF, zip.offsetOf(0), conf);
        String m = refusal("reordered.zip", zip.bytes());
        assertTrue(m.contains("entry 1 is coefficients.bin in its central directory and configuration.json in its"
                + " local headers"), m);
    }

    @Test
    void refusesAnEntryThatOnlyTheLocalHeadersHold() throws IOException {
        RawZip zip = new RawZip();
        zip.local(CONF, conf);
        zip.local(COEFFICIENTS, coefficients);
        zip.local("extra.txt", new byte[] {1, 2, 3});
        zip.central(CONF, zip.offsetOf(0), conf);
        zip.central(COEFFICIENTS, zip.offsetOf(1), coefficients);
        String m = refusal("local-only.zip", zip.bytes());
        assertTrue(m.contains("its central directory lists 2 entries and its local headers 3"), m);
    }

    /**
     * A zip written by hand, entries stored (not deflated): local records in the order added, then a central
     * directory whose records name any entry, offset and data, so that the two views can be made to disagree.
     */
    static final class RawZip {

        static final int LOCAL_HEADER = 30;

        private final ByteArrayOutputStream locals = new ByteArrayOutputStream();
        private final ByteArrayOutputStream central = new ByteArrayOutputStream();
        private final List<Long> offsets = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        private final List<byte[]> data = new ArrayList<>();
        private int centralCount;

        /** Appends a local record; returns its offset. */
        long local(String name, byte[] bytes) {
            long offset = locals.size();
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = ByteBuffer.allocate(LOCAL_HEADER).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0x21).putInt(crc(bytes)).putInt(bytes.length)
                    .putInt(bytes.length).putShort((short) n.length).putShort((short) 0);
            locals.writeBytes(h.array());
            locals.writeBytes(n);
            locals.writeBytes(bytes);
            offsets.add(offset);
            names.add(name);
            data.add(bytes);
            return offset;
        }

        long offsetOf(int local) {
            return offsets.get(local);
        }

        /** Appends a central directory record naming {@code name} at {@code offset} with {@code bytes}' CRC and size. */
        void central(String name, long offset, byte[] bytes) {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = ByteBuffer.allocate(46).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0x21).putInt(crc(bytes)).putInt(bytes.length)
                    .putInt(bytes.length).putShort((short) n.length).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) offset);
            central.writeBytes(h.array());
            central.writeBytes(n);
            centralCount++;
        }

        void centralForEveryLocal() {
            for (int i = 0; i < offsets.size(); i++) {
                central(names.get(i), offsets.get(i), data.get(i));
            }
        }

        byte[] localBytes() {
            return locals.toByteArray();
        }

        byte[] bytes() {
            ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
            end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) centralCount)
                    .putShort((short) centralCount).putInt(central.size()).putInt(locals.size()).putShort((short) 0);
            byte[] out = Arrays.copyOf(locals.toByteArray(), locals.size() + central.size() + 22);
            System.arraycopy(central.toByteArray(), 0, out, locals.size(), central.size());
            System.arraycopy(end.array(), 0, out, locals.size() + central.size(), 22);
            return out;
        }

        private static int crc(byte[] bytes) {
            CRC32 crc = new CRC32();
            crc.update(bytes);
            return (int) crc.getValue();
        }
    }
}
