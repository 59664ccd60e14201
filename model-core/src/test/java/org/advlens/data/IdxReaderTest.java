package org.advlens.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    private static Images randomImages(int count, int h, int w, long seed) {
        Random r = new Random(seed);
        float[] px = new float[count * h * w];
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextInt(256) / 255f;
        }
        return new Images(px, count, 1, h, w);
    }

    @Test
    void roundTripsPlainAndGzip() throws IOException {
        Images images = randomImages(5, 4, 3, 1);
        int[] labels = {0, 9, 3, 255, 7};
        for (boolean gzip : new boolean[] {false, true}) {
            Path x = dir.resolve("x" + gzip);
            Path y = dir.resolve("y" + gzip);
            IdxWriter.writeImages(images, x, gzip);
            IdxWriter.writeLabels(labels, y, gzip);
            assertEquals(gzip, (Files.readAllBytes(x)[0] & 0xFF) == 0x1f, "gzip magic only when compressed");
            assertEquals(images, IdxReader.readImages(x));
            assertArrayEquals(labels, IdxReader.readLabels(y));
        }
    }

    @Test
    void readsPlainFilesWithExactHeaderLayout() throws IOException {
        byte[] bytes = {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, (byte) 255};
        Images images = IdxReader.readImages(new ByteArrayInputStream(bytes), "tiny");
        assertEquals(1, images.count());
        assertEquals(1, images.channels());
        assertEquals(1, images.height());
        assertEquals(2, images.width());
        assertArrayEquals(new float[] {0f, 1f}, images.pixels());
    }

    @Test
    void readDatasetPairsImagesWithLabels() throws IOException {
        Path x = dir.resolve("images");
        Path y = dir.resolve("labels");
        IdxWriter.writeImages(randomImages(3, 2, 2, 2), x, true);
        IdxWriter.writeLabels(new int[] {1, 0, 1}, y, false);
        LabelledDataset data = IdxReader.readDataset(x, y, "pair", List.of("a", "b"));
        assertEquals(3, data.size());
        assertEquals(List.of("a", "b"), data.classNames());
        assertArrayEquals(new int[] {1, 0, 1}, data.labels());
    }

    @Test
    void rejectsWrongMagic() throws IOException {
        Path labels = dir.resolve("labels-idx1-ubyte");
        IdxWriter.writeLabels(new int[] {1, 2}, labels, false);
        DataLoadException e = assertThrows(DataLoadException.class, () -> IdxReader.readImages(labels));
        assertTrue(e.getMessage().startsWith("labels-idx1-ubyte: not an IDX image file"), e.getMessage());
        assertTrue(e.getMessage().contains("expected magic 0x00000803") && e.getMessage().contains("0x00000801"),
                e.getMessage());

        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello, world");
        e = assertThrows(DataLoadException.class, () -> IdxReader.readLabels(text));
        assertTrue(e.getMessage().contains("notes.txt: not an IDX label file"), e.getMessage());
    }

    @Test
    void rejectsTruncatedPlainAndGzipFiles() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            Path full = dir.resolve("full" + gzip);
            IdxWriter.writeImages(randomImages(10, 8, 8, 3), full, gzip);
            byte[] bytes = Files.readAllBytes(full);
            Path cut = dir.resolve("cut-images" + (gzip ? ".gz" : ""));
            Files.write(cut, Arrays.copyOf(bytes, bytes.length - (gzip ? 40 : 100)));
            DataLoadException e = assertThrows(DataLoadException.class, () -> IdxReader.readImages(cut));
            assertTrue(e.getMessage().startsWith(cut.getFileName() + ": truncated"), e.getMessage());
        }
        Path header = dir.resolve("header-only");
        Files.write(header, new byte[] {0, 0, 8, 3, 0, 0});
        DataLoadException e = assertThrows(DataLoadException.class, () -> IdxReader.readImages(header));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Path empty = dir.resolve("empty");
        Files.write(empty, new byte[0]);
        e = assertThrows(DataLoadException.class, () -> IdxReader.readLabels(empty));
        assertTrue(e.getMessage().contains("empty or truncated"), e.getMessage());
    }

    @Test
    void rejectsCountMismatchNamingBothFiles() throws IOException {
        Path x = dir.resolve("x-images");
        Path y = dir.resolve("y-labels");
        IdxWriter.writeImages(randomImages(4, 2, 2, 4), x, false);
        IdxWriter.writeLabels(new int[] {1, 2, 3}, y, false);
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> IdxReader.readDataset(x, y, "bad", List.of()));
        assertEquals("x-images: has 4 images but y-labels has 3 labels; expected one label per image", e.getMessage());
    }

    @Test
    void rejectsLabelsOutsideTheClasses() throws IOException {
        Path x = dir.resolve("x");
        Path y = dir.resolve("y");
        IdxWriter.writeImages(randomImages(2, 2, 2, 5), x, false);
        IdxWriter.writeLabels(new int[] {0, 5}, y, false);
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> IdxReader.readDataset(x, y, "bad", List.of("a", "b")));
        assertTrue(e.getMessage().contains("label 5 at index 1"), e.getMessage());
    }

    @Test
    void namesMissingFiles() {
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> IdxReader.readImages(dir.resolve("absent.gz")));
        assertTrue(e.getMessage().startsWith("absent.gz: no such file"), e.getMessage());
    }

    @Test
    void writerRejectsValuesItCannotStore() {
        assertThrows(IllegalArgumentException.class,
                () -> IdxWriter.writeImages(new Images(new float[] {1.5f}, 1, 1, 1, 1), dir.resolve("x"), false));
        assertThrows(IllegalArgumentException.class,
                () -> IdxWriter.writeLabels(new int[] {256}, dir.resolve("y"), false));
    }
}
