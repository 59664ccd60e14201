package org.advlens.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.advlens.data.DataLoadException;
import org.advlens.data.Datasets;
import org.advlens.data.FashionMnist;
import org.advlens.data.IdxWriter;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both layouts of training data, excluded classes, and training on the user's own colour images. */
class TrainingDataTest {

    @TempDir
    Path dir;

    private Path idxFolder(int train, int test) throws IOException {
        Path data = Files.createDirectories(dir.resolve("idx"));
        LabelledDataset bundled = Datasets.bundledEvaluation();
        IdxWriter.writeImages(bundled.images().slice(0, train), data.resolve("train-images-idx3-ubyte.gz"), true);
        IdxWriter.writeLabels(Arrays.copyOfRange(bundled.labels(), 0, train),
                data.resolve("train-labels-idx1-ubyte.gz"), true);
        IdxWriter.writeImages(bundled.images().slice(900, 900 + test), data.resolve("test-images-idx3-ubyte"),
                false);
        IdxWriter.writeLabels(Arrays.copyOfRange(bundled.labels(), 900, 900 + test),
                data.resolve("test-labels-idx1-ubyte"), false);
        return data;
    }

    /**
     * Colour images of 20x24 pixels in two classes that differ in their colour: red squares in "red", blue in
     * "blue", with a seeded position so that no two are alike.
     */
    private Path colourFolders(int perClass) throws IOException {
        Path root = dir.resolve("colours");
        java.util.Random random = new java.util.Random(4);
        for (String split : List.of("train", "test")) {
            for (String cls : List.of("blue", "red")) {
                Path folder = Files.createDirectories(root.resolve(split).resolve(cls));
                for (int i = 0; i < perClass; i++) {
                    BufferedImage img = new BufferedImage(24, 20, BufferedImage.TYPE_INT_RGB);
                    int x0 = random.nextInt(14);
                    int y0 = random.nextInt(10);
                    int rgb = cls.equals("red") ? 0xE01010 : 0x1010E0;
                    for (int y = y0; y < y0 + 10; y++) {
                        for (int x = x0; x < x0 + 10; x++) {
                            img.setRGB(x, y, rgb);
                        }
                    }
                    ImageIO.write(img, "png", folder.resolve(i + ".png").toFile());
                }
            }
        }
        return root;
    }

    @Test
    void readsIdxFilesWithTheirCompanionsAndFashionNames() throws IOException {
        TrainingData data = TrainingData.load(idxFolder(100, 50));
        assertEquals(100, data.train().size());
        assertEquals(50, data.test().size());
        assertEquals(FashionMnistTrainer.INPUT, data.spec());
        assertEquals(FashionMnist.CLASS_NAMES, data.classNames());
        assertEquals("idx", data.name());
    }

    @Test
    void namesClassesFromClassesTxtWhenThereIsOne() throws IOException {
        Path folder = idxFolder(100, 50);
        Files.write(folder.resolve("classes.txt"), List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", ""));
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"),
                TrainingData.load(folder).classNames());
        Files.write(folder.resolve("classes.txt"), List.of("a", "b"));
        DataLoadException e = assertThrows(DataLoadException.class, () -> TrainingData.load(folder));
        assertTrue(e.getMessage().contains("names 2 classes but the labels go up to 9"), e.getMessage());
    }

    @Test
    void excludingClassesDropsTheirExamplesFromBothSplitsButKeepsTheirOutputs() throws IOException {
        TrainingData all = TrainingData.load(idxFolder(200, 100));
        TrainingData without = all.without(List.of(8, 9));
        assertTrue(Arrays.stream(without.train().labels()).noneMatch(y -> y >= 8));
        assertTrue(Arrays.stream(without.test().labels()).noneMatch(y -> y >= 8));
        long kept = Arrays.stream(all.train().labels()).filter(y -> y < 8).count();
        assertEquals(kept, without.train().size());
        assertEquals(10, without.classNames().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> all.without(List.of(10)));
        assertEquals("cannot exclude class 10: the data have classes 0 to 9", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> all.without(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8)));
        assertTrue(e.getMessage().contains("leaves fewer than 2"), e.getMessage());
    }

    @Test
    void refusesFoldersInNeitherLayoutAndImagesTooSmall() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        DataLoadException e = assertThrows(DataLoadException.class, () -> TrainingData.load(empty));
        assertTrue(e.getMessage().contains("holds neither train-images-idx3-ubyte"), e.getMessage());
        Path tiny = dir.resolve("tiny");
        for (String split : List.of("train", "test")) {
            Path c = Files.createDirectories(tiny.resolve(split).resolve("only"));
            ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "png", c.resolve("a.png").toFile());
        }
        e = assertThrows(DataLoadException.class, () -> TrainingData.load(tiny));
        assertTrue(e.getMessage().contains("holds 8x8 images; the trainer's network takes sides from 16 to 256"),
                e.getMessage());
        Path half = Files.createDirectories(dir.resolve("half"));
        Files.write(half.resolve("train-images-idx3-ubyte"), new byte[0]);
        e = assertThrows(DataLoadException.class, () -> TrainingData.load(half));
        assertTrue(e.getMessage().contains("no train-labels-idx1-ubyte[.gz]"), e.getMessage());
    }

    @Test
    void trainsOnTheUsersColourClassFolders() throws Exception {
        Path folder = colourFolders(24);
        TrainingOptions options = new TrainingOptions(3, 16, 3e-3, 5, 0, 0, folder);
        Path out = dir.resolve("colours.zip");
        TrainingReport report = FashionMnistTrainer.train(options, out, (f, m) -> { }, CancellationToken.create());
        assertEquals(48, report.trainImages());
        assertTrue(report.testAccuracy() >= 0.9, "colour alone separates the classes: " + report.testAccuracy());
        try (Classifier c = ModelLoader.load(out)) {
            assertEquals("CNN on colours", c.info().name());
            assertEquals(List.of("blue", "red"), c.classNames());
            assertEquals(3, c.inputSpec().channels());
            assertEquals(20, c.inputSpec().height());
            assertEquals(24, c.inputSpec().width());
        }
    }

    @Test
    void aModelTrainedWithoutClassesSaysSo() throws Exception {
        TrainingOptions options = new TrainingOptions(1, 32, 1e-3, 5, 0, 0, idxFolder(200, 100))
                .withExcludedClasses(List.of(9, 8, 9));
        assertEquals(List.of(8, 9), options.excludedClasses());
        Path out = dir.resolve("without.zip");
        TrainingReport report = FashionMnistTrainer.train(options, out, (f, m) -> { }, CancellationToken.create());
        assertTrue(report.trainImages() < 200);
        try (Classifier c = ModelLoader.load(out)) {
            assertEquals("Fashion-MNIST CNN without Bag, Ankle boot", c.info().name());
            assertEquals(10, c.numClasses());
        }
    }
}
