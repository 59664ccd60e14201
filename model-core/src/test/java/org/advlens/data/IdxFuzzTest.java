package org.advlens.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.advlens.model.InputSpec;
import org.advlens.testing.ByteMutator;
import org.advlens.testing.LoaderFuzzer;
import org.advlens.testing.LoaderFuzzer.Input;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed IDX files fed to {@link IdxReader} and {@link Datasets#load} as the app and the CLI call them: every one
 * loads or fails with a {@link DataLoadException} (or another documented {@link IOException}) within 5 seconds.
 */
class IdxFuzzTest {

    private static final LoaderFuzzer FUZZER = new LoaderFuzzer("IDX", Duration.ofSeconds(5), IOException.class);
    private static final InputSpec SPEC = InputSpec.grey(28, 28);

    @TempDir
    static Path dir;

    private static byte[] images;
    private static byte[] imagesGzip;
    private static byte[] labels;
    private static byte[] labelsGzip;

    @BeforeAll
    static void writeSeeds() throws IOException {
        Random r = new Random(3);
        float[] px = new float[6 * 5 * 4];
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextInt(256) / 255f;
        }
        IdxWriter.writeImages(new Images(px, 6, 1, 5, 4), dir.resolve("seed-images-idx3-ubyte"), false);
        IdxWriter.writeImages(new Images(px, 6, 1, 5, 4), dir.resolve("seed-images-idx3-ubyte.gz"), true);
        IdxWriter.writeLabels(new int[] {0, 1, 2, 3, 4, 5}, dir.resolve("seed-labels-idx1-ubyte"), false);
        IdxWriter.writeLabels(new int[] {0, 1, 2, 3, 4, 5}, dir.resolve("seed-labels-idx1-ubyte.gz"), true);
        images = Files.readAllBytes(dir.resolve("seed-images-idx3-ubyte"));
        imagesGzip = Files.readAllBytes(dir.resolve("seed-images-idx3-ubyte.gz"));
        labels = Files.readAllBytes(dir.resolve("seed-labels-idx1-ubyte"));
        labelsGzip = Files.readAllBytes(dir.resolve("seed-labels-idx1-ubyte.gz"));
    }

    /** A mutated image or label file, plain or gzip; the description says which, for the loader. */
    private static Input generate(Random random) {
        int which = random.nextInt(4);
        byte[] seed = List.of(images, imagesGzip, labels, labelsGzip).get(which);
        byte[] donor = List.of(labels, labelsGzip, images, imagesGzip).get(random.nextInt(4));
        String kind = which < 2 ? "images" : "labels";
        return new Input(ByteMutator.mutate(seed, donor, random), kind + (which % 2 == 1 ? " gzip" : " plain"));
    }

    /** Loads a mutated image file with its valid labels through {@link Datasets#load}, or a label file alone. */
    private static void load(Input input) throws IOException {
        if (input.description().startsWith("images")) {
            Path x = write("fuzz-images-idx3-ubyte", input.bytes());
            Files.write(dir.resolve("fuzz-labels-idx1-ubyte"), labels);
            LabelledDataset data = Datasets.load(x, null, SPEC);
            assertEquals(data.images().count(), data.labels().length);
        } else {
            IdxReader.readLabels(write("fuzz-labels", input.bytes()));
        }
    }

    private static Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void mutatedIdxFilesLoadOrFailWithAMessage() {
        LoaderFuzzer.Report report = FUZZER.run(1_000_000L, LoaderFuzzer.count(300), IdxFuzzTest::generate,
                IdxFuzzTest::load);
        assertTrue(report.loaded() > 0 && report.rejected() > 0, report.toString());
    }

    private static byte[] header(int magic, int... sizes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int s : sizes) {
            out.writeInt(s);
        }
        out.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        return bytes.toByteArray();
    }

    @Test
    void labelCountsLargerThanTheFileAreRefusedBeforeAllocating() throws IOException {
        Path file = write("huge-labels", header(IdxReader.LABELS_MAGIC, Integer.MAX_VALUE));
        DataLoadException e = assertThrows(DataLoadException.class, () -> IdxReader.readLabels(file));
        assertTrue(e.getMessage().contains("2147483647 labels") && e.getMessage().contains("after 8 bytes"),
                e.getMessage());
    }

    @Test
    void imageCountsLargerThanTheFileAreRefused() throws IOException {
        // 100,000 images of 100x200: 2e9 pixels announced, 8 bytes present
        Path file = write("huge-images", header(IdxReader.IMAGES_MAGIC, 100_000, 100, 200));
        DataLoadException e = assertThrows(DataLoadException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains("100000 images of 100x200"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void aGzipBombAnnouncingMorePixelsThanTheHeapHoldsIsRefused() throws IOException {
        // 2e9 zero pixels compress to about 2 MB; the header is checked against the heap before they are read
        Path file = dir.resolve("bomb-images-idx3-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            DataOutputStream data = new DataOutputStream(out);
            data.writeInt(IdxReader.IMAGES_MAGIC);
            data.writeInt(100_000);
            data.writeInt(100);
            data.writeInt(200);
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                data.write(zeros);
            }
        }
        assertTrue(Files.size(file) < 1 << 20, "the bomb is small on disk");
        DataLoadException e = assertThrows(DataLoadException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains("100000 images of 100x200"), e.getMessage());
    }

    @Test
    void wrongMagicNamesBothNumbers() throws IOException {
        Path file = write("swapped", header(IdxReader.LABELS_MAGIC, 3, 2, 2));
        DataLoadException e = assertThrows(DataLoadException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains("0x00000803") && e.getMessage().contains("0x00000801"), e.getMessage());
    }
}
