package org.advlens.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.advlens.data.Datasets;
import org.advlens.data.FashionMnist;
import org.advlens.data.LabelledDataset;
import org.advlens.model.load.FileHashes;
import org.advlens.model.load.ModelLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledModelTest {

    @TempDir
    Path dir;

    @Test
    void bundledCnnLoadsWithItsDescriptionAndClassifiesTheBundledImages() throws Exception {
        LabelledDataset data = Datasets.bundledEvaluation();
        try (Classifier c = ModelLoader.bundledDefault()) {
            ModelInfo info = c.info();
            assertEquals("Fashion-MNIST CNN", info.name());
            assertEquals("classpath:" + ModelLoader.BUNDLED_MODEL, info.source());
            assertEquals(ModelFormat.DL4J_MULTILAYER, info.format());
            assertEquals(InputSpec.grey(28, 28), info.input());
            assertEquals(FashionMnist.CLASS_NAMES, info.classNames());
            assertTrue(info.softmaxOutput());
            assertEquals(6, info.layers().size(), info.layers().toString());
            assertEquals(sha256OfResource(), info.sha256());
            int correct = 0;
            for (int from = 0; from < data.size(); from += 250) {
                int[] predicted = c.predict(data.images().slice(from, from + 250).toArray());
                for (int i = 0; i < predicted.length; i++) {
                    correct += predicted[i] == data.label(from + i) ? 1 : 0;
                }
            }
            double accuracy = correct / (double) data.size();
            assertTrue(accuracy >= 0.89, "accuracy on the bundled 1000 images is " + accuracy);
        }
    }

    private String sha256OfResource() throws IOException {
        Path copy = dir.resolve("copy.zip");
        try (InputStream in = ModelLoader.class.getResourceAsStream(ModelLoader.BUNDLED_MODEL)) {
            Files.copy(in, copy);
        }
        return FileHashes.sha256(copy);
    }
}
