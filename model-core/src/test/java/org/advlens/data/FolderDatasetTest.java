package org.advlens.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.advlens.job.CancellationToken;
import org.advlens.job.CancelledException;
import org.advlens.model.InputSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderDatasetTest {

    @TempDir
    Path dir;

    private void image(Path folder, String name, int value) throws IOException {
        Files.createDirectories(folder);
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                img.getRaster().setSample(x, y, 0, value);
            }
        }
        ImageIO.write(img, "png", folder.resolve(name).toFile());
    }

    @Test
    void labelsImagesBySortedSubFolder() throws IOException {
        image(dir.resolve("zebra"), "b.png", 255);
        image(dir.resolve("zebra"), "a.png", 0);
        image(dir.resolve("apple"), "x.png", 51);
        Files.writeString(dir.resolve("apple/readme.txt"), "skipped");
        Files.writeString(dir.resolve(".hidden"), "skipped");
        Files.writeString(dir.resolve("top-level-file.png"), "skipped: not in a class folder");

        List<Double> reported = new ArrayList<>();
        LabelledDataset data = FolderDataset.load(dir, InputSpec.grey(4, 4), (f, m) -> reported.add(f),
                CancellationToken.create());
        assertEquals(List.of("apple", "zebra"), data.classNames());
        assertArrayEquals(new int[] {0, 1, 1}, data.labels());
        assertEquals(0.2f, data.images().get(0, 0, 0, 0), 1e-6);
        assertEquals(0f, data.images().get(1, 0, 3, 3), "zebra/a.png comes before zebra/b.png");
        assertEquals(1f, data.images().get(2, 0, 3, 3));
        assertEquals(4, data.images().height());
        assertEquals(1.0, reported.get(reported.size() - 1));
    }

    @Test
    void rejectsFoldersWithoutClassFolders() throws IOException {
        DataLoadException e = assertThrows(DataLoadException.class, () -> FolderDataset.load(dir, InputSpec.grey(4, 4)));
        assertTrue(e.getMessage().endsWith("has no sub-folders; expected one sub-folder of images per class"),
                e.getMessage());
        Path file = dir.resolve("file.png");
        Files.writeString(file, "x");
        e = assertThrows(DataLoadException.class, () -> FolderDataset.load(file, InputSpec.grey(4, 4)));
        assertTrue(e.getMessage().startsWith("file.png: not a folder"), e.getMessage());
    }

    @Test
    void rejectsEmptyClassFolders() throws IOException {
        image(dir.resolve("cat"), "1.png", 10);
        Files.createDirectories(dir.resolve("dog"));
        Files.writeString(dir.resolve("dog/notes.txt"), "no images here");
        DataLoadException e = assertThrows(DataLoadException.class, () -> FolderDataset.load(dir, InputSpec.grey(4, 4)));
        assertTrue(e.getMessage().contains("class folder 'dog' has no image files"), e.getMessage());
    }

    @Test
    void reportsTheFileThatIsNotAnImage() throws IOException {
        image(dir.resolve("cat"), "1.png", 10);
        Files.createDirectories(dir.resolve("dog"));
        Files.writeString(dir.resolve("dog/fake.jpg"), "not a jpeg");
        DataLoadException e = assertThrows(DataLoadException.class, () -> FolderDataset.load(dir, InputSpec.grey(4, 4)));
        assertEquals("fake.jpg: not an image: expected PNG, JPEG, BMP or GIF", e.getMessage());
    }

    @Test
    void stopsWhenCancelled() throws IOException {
        image(dir.resolve("cat"), "1.png", 10);
        CancellationToken token = CancellationToken.create();
        token.cancel();
        assertThrows(CancelledException.class,
                () -> FolderDataset.load(dir, InputSpec.grey(4, 4), (f, m) -> { }, token));
    }
}
