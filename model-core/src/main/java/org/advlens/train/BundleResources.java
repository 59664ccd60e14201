package org.advlens.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.advlens.data.FashionMnist;
import org.advlens.data.IdxWriter;
import org.advlens.data.ImageFiles;
import org.advlens.data.LabelledDataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the data bundled with AdvLens from the Fashion-MNIST test set: the first {@value #EVAL_COUNT} images
 * and labels in their original order as gzip IDX files under {@code data/}, and one sample PNG per class (the
 * first test image of that class) with an {@code index.json} under {@code samples/}.
 * Usage: {@code BundleResources [resources folder] [Fashion-MNIST folder]}.
 */
public final class BundleResources {

    /** Number of test images bundled for evaluation. */
    public static final int EVAL_COUNT = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(BundleResources.class);

    private BundleResources() {
    }

    public static void main(String[] args) throws IOException {
        Path resources = Path.of(args.length > 0 ? args[0] : "resources");
        Path source = args.length > 1 ? Path.of(args[1]) : FashionMnist.DEBIAN_DIR;
        write(FashionMnist.test(source), resources);
    }

    /** Writes the bundled evaluation set and samples taken from {@code test} under {@code resources}. */
    public static void write(LabelledDataset test, Path resources) throws IOException {
        LabelledDataset first = test.limit(EVAL_COUNT);
        Path data = Files.createDirectories(resources.resolve("data"));
        IdxWriter.writeImages(first.images(), data.resolve("fashion-mnist-test-1000-images-idx3-ubyte.gz"), true);
        IdxWriter.writeLabels(first.labels(), data.resolve("fashion-mnist-test-1000-labels-idx1-ubyte.gz"), true);

        Path samples = Files.createDirectories(resources.resolve("samples"));
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode index = json.createArrayNode();
        for (int label = 0; label < FashionMnist.CLASS_NAMES.size(); label++) {
            int at = firstOf(first, label);
            String file = label + "-" + FashionMnist.SHORT_NAMES.get(label) + ".png";
            ImageFiles.writePng(first.images(), at, 0, 1, samples.resolve(file));
            index.addObject().put("file", file).put("label", label)
                    .put("class", FashionMnist.CLASS_NAMES.get(label)).put("testIndex", at);
        }
        json.writeValue(samples.resolve("index.json").toFile(), index);
        LOG.info("wrote {} evaluation images and {} samples under {}", first.size(), index.size(), resources);
    }

    private static int firstOf(LabelledDataset data, int label) {
        for (int i = 0; i < data.size(); i++) {
            if (data.label(i) == label) {
                return i;
            }
        }
        throw new IllegalArgumentException("no test image of class " + label);
    }
}
