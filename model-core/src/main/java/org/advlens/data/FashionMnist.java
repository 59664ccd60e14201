package org.advlens.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Facts about Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017): 28x28 grey images of ten clothing classes,
 * 60,000 for training and 10,000 for testing, MIT-licensed. The Debian package {@code dataset-fashion-mnist}
 * installs it under {@link #DEBIAN_DIR}.
 */
public final class FashionMnist {

    /** The ten class names, in label order. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Short file-name-safe class names, in label order. */
    public static final List<String> SHORT_NAMES = List.of("tshirt", "trouser", "pullover", "dress", "coat",
            "sandal", "shirt", "sneaker", "bag", "ankle-boot");

    /** Where the Debian package {@code dataset-fashion-mnist} installs the IDX files. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private FashionMnist() {
    }

    /** The 60,000 training images from the IDX files in {@code dir}. */
    public static LabelledDataset train(Path dir) throws IOException {
        return IdxReader.readDataset(dir.resolve("train-images-idx3-ubyte.gz"),
                dir.resolve("train-labels-idx1-ubyte.gz"), "Fashion-MNIST train", CLASS_NAMES);
    }

    /** The 10,000 test images from the IDX files in {@code dir}. */
    public static LabelledDataset test(Path dir) throws IOException {
        return IdxReader.readDataset(dir.resolve("t10k-images-idx3-ubyte.gz"),
                dir.resolve("t10k-labels-idx1-ubyte.gz"), "Fashion-MNIST test", CLASS_NAMES);
    }
}
