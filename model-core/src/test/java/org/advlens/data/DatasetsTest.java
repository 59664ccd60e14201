package org.advlens.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.advlens.model.ChannelOrder;
import org.advlens.model.InputSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir
    Path dir;

    private Path writeIdx(String prefix, int count) throws IOException {
        float[] px = new float[count * 28 * 28];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i % 256) / 255f;
        }
        Path images = dir.resolve(prefix + "-images-idx3-ubyte.gz");
        IdxWriter.writeImages(new Images(px, count, 1, 28, 28), images, true);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 10;
        }
        IdxWriter.writeLabels(labels, dir.resolve(prefix + "-labels-idx1-ubyte.gz"), true);
        return images;
    }

    @Test
    void loadsIdxWithItsCompanionLabelFile() throws IOException {
        Path images = writeIdx("t10k", 12);
        LabelledDataset data = Datasets.load(images, null, InputSpec.grey(28, 28));
        assertEquals(12, data.size());
        assertEquals(List.of(), data.classNames());
        assertEquals(3, data.label(3));
        assertEquals(IdxReader.readImages(images), data.images());
    }

    @Test
    void fitsIdxImagesToAColourSpecOfAnotherSize() throws IOException {
        Path images = writeIdx("t10k", 2);
        InputSpec spec = new InputSpec(3, 32, 32, ChannelOrder.NCHW, -1, 1, null, null);
        LabelledDataset data = Datasets.load(images, images.resolveSibling("t10k-labels-idx1-ubyte.gz"), spec);
        Images x = data.images();
        assertEquals(3, x.channels());
        assertEquals(32, x.height());
        assertEquals(32, x.width());
        for (int y = 0; y < 32; y += 5) {
            assertEquals(x.get(1, 0, y, 7), x.get(1, 2, y, 7), "grey replicated into every channel");
        }
        for (float v : x.pixels()) {
            assertTrue(v >= -1f && v <= 1f, "value " + v + " outside the spec's bounds");
        }
    }

    @Test
    void explainsMissingLabelFiles() throws IOException {
        Path images = writeIdx("t10k", 1);
        Path renamed = dir.resolve("pictures.gz");
        Files.move(images, renamed);
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> Datasets.load(renamed, null, InputSpec.grey(28, 28)));
        assertTrue(e.getMessage().startsWith("pictures.gz: needs a label file"), e.getMessage());
        Path lonely = dir.resolve("x-images-idx3-ubyte");
        Files.copy(renamed, lonely);
        e = assertThrows(DataLoadException.class, () -> Datasets.load(lonely, null, InputSpec.grey(28, 28)));
        assertTrue(e.getMessage().contains("x-labels-idx1-ubyte does not exist"), e.getMessage());
    }

    @Test
    void refusesLabelFilesForFolders() throws IOException {
        Files.createDirectories(dir.resolve("cls"));
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> Datasets.load(dir, dir.resolve("labels"), InputSpec.grey(28, 28)));
        assertTrue(e.getMessage().contains("is a class folder"), e.getMessage());
    }

    @Test
    void bundledEvaluationIsTheFirstThousandFashionMnistTestImages() throws IOException {
        LabelledDataset data = Datasets.bundledEvaluation();
        assertEquals(1000, data.size());
        assertEquals(FashionMnist.CLASS_NAMES, data.classNames());
        assertEquals(28, data.images().height());
        int[] counts = new int[10];
        for (int l : data.labels()) {
            counts[l]++;
        }
        for (int c : counts) {
            assertTrue(c > 50, "every class is present: " + java.util.Arrays.toString(counts));
        }
        assertArrayEquals(new int[] {9, 2, 1, 1, 6}, java.util.Arrays.copyOf(data.labels(), 5),
                "Fashion-MNIST's test set starts with ankle boot, pullover, trouser, trouser, shirt");
        Path debian = FashionMnist.DEBIAN_DIR.resolve("t10k-images-idx3-ubyte.gz");
        if (Files.exists(debian)) {
            assertEquals(IdxReader.readImages(debian).slice(0, 1000), data.images());
        }
    }

    @Test
    void bundledSamplesCoverEveryClass() throws IOException {
        List<Datasets.Sample> samples = Datasets.bundledSamples();
        assertEquals(10, samples.size());
        for (int i = 0; i < 10; i++) {
            Datasets.Sample s = samples.get(i);
            assertEquals(i, s.label());
            assertEquals(FashionMnist.CLASS_NAMES.get(i), s.name());
            assertTrue(s.file().contains(FashionMnist.SHORT_NAMES.get(i)), s.file());
            assertEquals(28, s.image().height());
        }
        InputSpec colour = new InputSpec(3, 32, 32, ChannelOrder.NCHW, 0, 255, null, null);
        assertEquals(3, Datasets.bundledSamples(colour).get(0).image().channels());
    }

    @Test
    void bundledSamplesMatchTheBundledImagesTheyWereTakenFrom() throws IOException {
        LabelledDataset data = Datasets.bundledEvaluation();
        JsonNode index;
        try (InputStream in = Datasets.class.getResourceAsStream(Datasets.SAMPLES_INDEX)) {
            index = new ObjectMapper().readTree(in);
        }
        List<Datasets.Sample> samples = Datasets.bundledSamples();
        for (int i = 0; i < samples.size(); i++) {
            Datasets.Sample s = samples.get(i);
            int at = index.get(i).get("testIndex").asInt();
            assertEquals(s.file(), index.get(i).get("file").asText());
            assertEquals(s.label(), data.label(at), s.file());
            assertEquals(data.images().image(at), s.image(), s.file());
        }
    }
}
