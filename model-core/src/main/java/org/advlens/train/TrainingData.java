package org.advlens.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.advlens.data.DataLoadException;
import org.advlens.data.FashionMnist;
import org.advlens.data.FolderDataset;
import org.advlens.data.IdxReader;
import org.advlens.data.ImageFiles;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.model.ChannelOrder;
import org.advlens.model.InputSpec;

/**
 * The training and held-out images of a run, read from a folder in one of two layouts:
 * <ul>
 *   <li><b>IDX</b>, as Fashion-MNIST and MNIST ship: {@code train-images-idx3-ubyte}, {@code
 *       train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte} (each plain or
 *       {@code .gz}; {@code test-} may stand for {@code t10k-}). Class names come from a {@code classes.txt} beside
 *       them, one per line; without one, ten classes of 28x28 images are taken to be Fashion-MNIST's, and anything
 *       else is named {@code class 0, class 1, ...}.</li>
 *   <li><b>class folders</b>: {@code train/} and {@code test/}, each with one sub-folder per class (the same names
 *       in both), as {@link FolderDataset} reads them. The first training image fixes the input: its size, and grey
 *       (1 channel) or colour (3). Every other image is fitted to it.</li>
 * </ul>
 *
 * @param name the folder's name, for the model's description
 * @param train the training images
 * @param test the held-out images
 * @param spec the input the network is built for: the images' channels and size, values in [0, 1]
 * @param classNames one name per class
 */
public record TrainingData(String name, LabelledDataset train, LabelledDataset test, InputSpec spec,
                           List<String> classNames) {

    /** The smallest side the network's two 5x5 convolutions and 2x2 poolings leave at least one pixel of. */
    public static final int MIN_SIDE = 16;
    /** The largest side the trainer accepts: beyond it the dense layer's weights grow past what trains here. */
    public static final int MAX_SIDE = 256;

    public TrainingData {
        classNames = List.copyOf(classNames);
        if (classNames.size() < 2) {
            throw new IllegalArgumentException("training needs at least 2 classes, got " + classNames.size());
        }
    }

    /** Reads {@code dir} in whichever layout it holds. */
    public static TrainingData load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new DataLoadException(dir, "not a folder; expected IDX files (train-images-idx3-ubyte.gz, ...) or"
                    + " train/ and test/ class folders");
        }
        String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        Path trainImages = idx(dir, "train-images-idx3-ubyte");
        if (trainImages != null) {
            return idxLayout(dir, name, trainImages);
        }
        if (Files.isDirectory(dir.resolve("train")) && Files.isDirectory(dir.resolve("test"))) {
            return folderLayout(dir, name);
        }
        throw new DataLoadException(dir, "holds neither train-images-idx3-ubyte[.gz] (IDX files, as Fashion-MNIST"
                + " ships) nor train/ and test/ class folders");
    }

    /** These data without the examples of {@code classes}, in both splits; the class list stays whole. */
    public TrainingData without(List<Integer> classes) {
        if (classes.isEmpty()) {
            return this;
        }
        for (int c : classes) {
            if (c < 0 || c >= classNames.size()) {
                throw new IllegalArgumentException("cannot exclude class " + c + ": the data have classes 0 to "
                        + (classNames.size() - 1));
            }
        }
        if (Set.copyOf(classes).size() >= classNames.size() - 1) {
            throw new IllegalArgumentException("excluding " + classes + " leaves fewer than 2 of the "
                    + classNames.size() + " classes to train on");
        }
        return new TrainingData(name, keep(train, classes), keep(test, classes), spec, classNames);
    }

    private static LabelledDataset keep(LabelledDataset data, List<Integer> excluded) {
        int[] kept = IntStream.range(0, data.size()).filter(i -> !excluded.contains(data.label(i))).toArray();
        Images images = data.images();
        int size = images.imageSize();
        float[] pixels = new float[kept.length * size];
        int[] labels = new int[kept.length];
        for (int k = 0; k < kept.length; k++) {
            System.arraycopy(images.pixels(), kept[k] * size, pixels, k * size, size);
            labels[k] = data.label(kept[k]);
        }
        return new LabelledDataset(data.name() + " without classes " + excluded, data.source(),
                new Images(pixels, kept.length, images.channels(), images.height(), images.width()), labels,
                data.classNames());
    }

    private static TrainingData idxLayout(Path dir, String name, Path trainImages) throws IOException {
        Path trainLabels = required(dir, "train-labels-idx1-ubyte");
        Path testImages = idx(dir, "t10k-images-idx3-ubyte");
        Path testLabels = idx(dir, "t10k-labels-idx1-ubyte");
        if (testImages == null) {
            testImages = required(dir, "test-images-idx3-ubyte");
            testLabels = required(dir, "test-labels-idx1-ubyte");
        } else if (testLabels == null) {
            testLabels = required(dir, "t10k-labels-idx1-ubyte");
        }
        LabelledDataset train = IdxReader.readDataset(trainImages, trainLabels, name + " train", List.of());
        LabelledDataset test = IdxReader.readDataset(testImages, testLabels, name + " test", List.of());
        Images x = train.images();
        if (test.images().channels() != x.channels() || test.images().height() != x.height()
                || test.images().width() != x.width()) {
            throw new DataLoadException(testImages, "holds " + test.images().height() + "x" + test.images().width()
                    + " images but the training images are " + x.height() + "x" + x.width());
        }
        checkSide(trainImages, x.height(), x.width());
        int classes = Math.max(max(train.labels()), max(test.labels())) + 1;
        List<String> names = classNames(dir, classes, x);
        InputSpec spec = new InputSpec(x.channels(), x.height(), x.width(), ChannelOrder.NCHW, 0, 1, null, null);
        return new TrainingData(name, named(train, names), named(test, names), spec, names);
    }

    private static TrainingData folderLayout(Path dir, String name) throws IOException {
        Path first = firstImage(dir.resolve("train"));
        Images probe = ImageFiles.readUnit(first);
        checkSide(first, probe.height(), probe.width());
        InputSpec spec = new InputSpec(probe.channels(), probe.height(), probe.width(), ChannelOrder.NCHW, 0, 1,
                null, null);
        LabelledDataset train = FolderDataset.load(dir.resolve("train"), spec);
        LabelledDataset test = FolderDataset.load(dir.resolve("test"), spec);
        if (!train.classNames().equals(test.classNames())) {
            throw new DataLoadException(dir, "train/ has classes " + train.classNames() + " but test/ has "
                    + test.classNames() + "; expected the same class folders in both");
        }
        return new TrainingData(name, train, test, spec, train.classNames());
    }

    private static List<String> classNames(Path dir, int classes, Images x) throws IOException {
        Path file = dir.resolve("classes.txt");
        if (Files.isRegularFile(file)) {
            List<String> names = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
            if (names.size() < classes) {
                throw new DataLoadException(file, "names " + names.size() + " classes but the labels go up to "
                        + (classes - 1) + "; expected one name per line for each class");
            }
            return names;
        }
        if (classes == FashionMnist.CLASS_NAMES.size() && x.channels() == 1 && x.height() == 28 && x.width() == 28) {
            return FashionMnist.CLASS_NAMES;
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < Math.max(2, classes); c++) {
            names.add("class " + c);
        }
        return names;
    }

    private static LabelledDataset named(LabelledDataset data, List<String> names) {
        return new LabelledDataset(data.name(), data.source(), data.images(), data.labels(), names);
    }

    private static void checkSide(Path file, int height, int width) throws DataLoadException {
        if (Math.min(height, width) < MIN_SIDE || Math.max(height, width) > MAX_SIDE) {
            throw new DataLoadException(file, "holds " + height + "x" + width + " images; the trainer's network"
                    + " takes sides from " + MIN_SIDE + " to " + MAX_SIDE + " pixels");
        }
    }

    private static Path firstImage(Path trainDir) throws IOException {
        try (var classes = Files.list(trainDir)) {
            for (Path c : classes.filter(Files::isDirectory).sorted().toList()) {
                try (var files = Files.list(c)) {
                    var image = files.filter(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                            .matches(".*\\.(png|jpe?g|bmp|gif)")).sorted().findFirst();
                    if (image.isPresent()) {
                        return image.get();
                    }
                }
            }
        }
        throw new DataLoadException(trainDir, "has no class sub-folder with an image file");
    }

    private static Path idx(Path dir, String stem) {
        for (String name : new String[] {stem + ".gz", stem}) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        return null;
    }

    private static Path required(Path dir, String stem) throws DataLoadException {
        Path p = idx(dir, stem);
        if (p == null) {
            throw new DataLoadException(dir, "has train-images-idx3-ubyte but no " + stem + "[.gz]; expected the"
                    + " four IDX files of a training and a test split");
        }
        return p;
    }

    private static int max(int[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
