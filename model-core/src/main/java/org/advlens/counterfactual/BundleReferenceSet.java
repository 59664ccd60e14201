package org.advlens.counterfactual;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.advlens.data.FashionMnist;
import org.advlens.data.IdxWriter;
import org.advlens.data.LabelledDataset;

/**
 * Writes the reference set that counterfactuals are compared with: the first {@value ReferenceSet#BUNDLED_COUNT}
 * Fashion-MNIST training images and labels, in their original order, as gzip IDX files under {@code data/}.
 * Usage: {@code BundleReferenceSet [resources folder] [Fashion-MNIST folder]}.
 */
public final class BundleReferenceSet {

    private BundleReferenceSet() {
    }

    public static void main(String[] args) throws IOException {
        Path resources = Path.of(args.length > 0 ? args[0] : "resources");
        Path source = args.length > 1 ? Path.of(args[1]) : FashionMnist.DEBIAN_DIR;
        LabelledDataset first = FashionMnist.train(source).limit(ReferenceSet.BUNDLED_COUNT);
        Path data = Files.createDirectories(resources.resolve("data"));
        IdxWriter.writeImages(first.images(), data.resolve("fashion-mnist-train-2000-images-idx3-ubyte.gz"), true);
        IdxWriter.writeLabels(first.labels(), data.resolve("fashion-mnist-train-2000-labels-idx1-ubyte.gz"), true);
    }
}
