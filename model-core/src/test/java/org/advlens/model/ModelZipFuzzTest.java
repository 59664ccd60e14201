package org.advlens.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.advlens.model.load.ModelLoader;
import org.advlens.model.load.ModelWriter;
import org.advlens.model.load.ModelZipCheck;
import org.advlens.testing.ByteMutator;
import org.advlens.testing.LoaderFuzzer;
import org.advlens.testing.LoaderFuzzer.Input;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed DL4J model zips fed to {@link ModelLoader#load(Path)} as the app and the CLI call it: whole-file
 * corruptions, and zips rebuilt with a corrupted, dropped, renamed or path-traversing entry, or with absurd numbers
 * in the configuration JSON. Every one loads or fails with a {@link ModelLoadException} within the time bound.
 */
class ModelZipFuzzTest {

    private static final LoaderFuzzer FUZZER = new LoaderFuzzer("DL4J zip", Duration.ofSeconds(20),
            ModelLoadException.class);
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final String[] ABSURD = {"0", "-1", "2147483648", "4294967296", "9223372036854775807",
        "1e308", "-2147483648", "65536", "3.5"};

    @TempDir
    static Path dir;

    private static byte[] zip;
    private static Map<String, byte[]> entries;

    @BeforeAll
    static void writeSeed() throws IOException {
        Path file = dir.resolve("seed.zip");
        ModelWriter.save(TinyNetworks.cnn8(), TinyNetworks.description(InputSpec.grey(8, 8)), file);
        zip = Files.readAllBytes(file);
        entries = unzip(zip);
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(bytes))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    static byte[] rezip(Map<String, byte[]> content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : content.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The configuration with the {@code n}-th number in it replaced by an absurd one. */
    private static String absurdNumber(String json, Random random) {
        Matcher m = NUMBER.matcher(json);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return json.substring(0, span[0]) + ABSURD[random.nextInt(ABSURD.length)] + json.substring(span[1]);
    }

    private static Input generate(Random random) {
        int kind = random.nextInt(5);
        if (kind == 0) {
            return new Input(ByteMutator.mutate(zip, null, random), "corrupted zip bytes");
        }
        Map<String, byte[]> content = new LinkedHashMap<>(entries);
        List<String> names = new ArrayList<>(content.keySet());
        String name = names.get(random.nextInt(names.size()));
        String description;
        switch (kind) {
            case 1 -> {
                content.put(name, ByteMutator.mutate(content.get(name), null, random));
                description = "corrupted entry " + name;
            }
            case 2 -> {
                String json = new String(content.get("configuration.json"), StandardCharsets.UTF_8);
                for (int i = random.nextInt(3); i >= 0; i--) {
                    json = absurdNumber(json, random);
                }
                content.put("configuration.json", json.getBytes(StandardCharsets.UTF_8));
                description = "absurd numbers in configuration.json";
            }
            case 3 -> {
                byte[] value = content.remove(name);
                String renamed = List.of("", "../../" + name, "/" + name, name.toUpperCase(), name + "\u0000x")
                        .get(random.nextInt(5));
                if (!renamed.isEmpty()) {
                    content.put(renamed, value);
                }
                description = "entry " + name + " renamed to '" + renamed + "'";
            }
            default -> {
                String other = names.get(random.nextInt(names.size()));
                content.put(name, content.get(other));
                description = "entry " + name + " holding " + other;
            }
        }
        return new Input(rezip(content), description);
    }

    private static void load(Input input) throws ModelLoadException {
        Path file = dir.resolve("fuzz.zip");
        try {
            Files.write(file, input.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Classifier c = ModelLoader.load(file)) {
            assertTrue(c.info().classNames().size() > 0);
        }
    }

    @Test
    void mutatedModelZipsLoadOrFailWithAMessage() {
        LoaderFuzzer.Report report = FUZZER.run(3_000_000L, LoaderFuzzer.count(200), ModelZipFuzzTest::generate,
                ModelZipFuzzTest::load);
        assertTrue(report.loaded() > 0 && report.rejected() > 0, report.toString());
        assertFalse(Files.exists(dir.getParent().getParent().resolve("coefficients.bin")),
                "a ../../ entry must not be written out");
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void anOutputLayerOfTwoToThe31UnitsIsRefusedBeforeAllocating() throws IOException {
        String json = new String(entries.get("configuration.json"), StandardCharsets.UTF_8);
        String absurd = json.replaceAll("\"nout\" : 3\\b", "\"nout\" : 2147483648");
        assertFalse(absurd.equals(json), "the seed's configuration has an nOut of 3");
        Map<String, byte[]> content = new LinkedHashMap<>(entries);
        content.put("configuration.json", absurd.getBytes(StandardCharsets.UTF_8));
        Path file = write("absurd.zip", rezip(content));
        ModelLoadException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(ModelLoadException.class, () -> ModelLoader.load(file)));
        assertTrue(e.getMessage().startsWith("absurd.zip: "), e.getMessage());
    }

    @Test
    void aConfigurationThatInflatesBeyond64MiBIsRefused() throws IOException {
        // a zip bomb: 80 MiB of spaces after the JSON compress to about 80 KiB
        Path file = dir.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            out.putNextEntry(new ZipEntry("configuration.json"));
            out.write(entries.get("configuration.json"));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 80; i++) {
                out.write(spaces);
            }
            out.closeEntry();
            out.putNextEntry(new ZipEntry("coefficients.bin"));
            out.write(entries.get("coefficients.bin"));
            out.closeEntry();
        }
        assertTrue(Files.size(file) < 1 << 20, "the bomb is small on disk");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(file));
        assertTrue(e.getMessage().contains("configuration.json") && e.getMessage().contains("MiB"), e.getMessage());
    }

    @Test
    void deeplyNestedConfigurationJsonIsRefusedWithAMessage() throws IOException {
        Map<String, byte[]> content = new LinkedHashMap<>(entries);
        content.put("configuration.json", "[".repeat(100_000).getBytes(StandardCharsets.US_ASCII));
        Path file = write("nested.zip", rezip(content));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(file));
        assertTrue(e.getMessage().contains("configuration.json"), e.getMessage());
    }

    @Test
    void pathTraversalEntryNamesAreNeverExtracted() throws IOException, ModelLoadException {
        Map<String, byte[]> content = new LinkedHashMap<>(entries);
        content.put("../../escaped.txt", "x".getBytes(StandardCharsets.US_ASCII));
        Path sub = Files.createDirectories(dir.resolve("a/b"));
        Path file = Files.write(sub.resolve("traversal.zip"), rezip(content));
        try (Classifier c = ModelLoader.load(file)) {
            assertTrue(c.info().classNames().size() == 3);
        }
        assertFalse(Files.exists(dir.resolve("escaped.txt")));
    }

    @Test
    void aSmallZipWhoseEntriesInflateBeyondTheBoundIsRefused() throws IOException {
        // 64 MiB of zeros in an entry DL4J does not use: about 64 KiB on disk
        Path file = dir.resolve("padded-bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("padding.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        assertTrue(Files.size(file) < 1 << 20, "the bomb is small on disk");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelZipCheck.check(file, 16 << 20));
        assertTrue(e.getMessage().contains("more than 16 MiB (at padding.bin)"), e.getMessage());
    }

    @Test
    void aJavaSerialisedPreprocessorEntryIsNeverDeserialised() throws IOException {
        Map<String, byte[]> content = new LinkedHashMap<>(entries);
        // not even a valid serialised object: the entry is refused by name, before anything reads it
        content.put(ModelZipCheck.PREPROCESSOR_ENTRY, new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5});
        Path file = write("preprocessor.zip", rezip(content));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelLoader.load(file));
        assertTrue(e.getMessage().contains("Java-serialised"), e.getMessage());
    }

    /** The seed's coefficients.bin with the element count of its data buffer (after the shape buffer) replaced. */
    private static byte[] coefficientsAnnouncing(long length) throws IOException {
        byte[] bytes = entries.get("coefficients.bin").clone();
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes));
        in.readUTF();
        long shapeLength = in.readLong();
        String shapeType = in.readUTF();
        int width = shapeType.equals("LONG") ? 8 : 4;
        in.skipBytes((int) (shapeLength * width));
        in.readUTF();
        int at = bytes.length - in.available();
        java.nio.ByteBuffer.wrap(bytes, at, 8).putLong(length);
        return bytes;
    }

    @Test
    void coefficientsAnnouncingMoreElementsThanTheEntryHoldsAreRefused() throws IOException {
        for (long length : new long[] {1L << 40, 1L << 31, -1}) {
            Map<String, byte[]> content = new LinkedHashMap<>(entries);
            content.put("coefficients.bin", coefficientsAnnouncing(length));
            byte[] zipped = rezip(content);
            assertFalse(FUZZER.check(length, new Input(zipped, "coefficients.bin announcing " + length + " elements"),
                    ModelZipFuzzTest::load));
        }
    }
}
