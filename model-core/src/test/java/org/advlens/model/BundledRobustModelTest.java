package org.advlens.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.gradient.ProjectedGradientDescent;
import org.advlens.data.Datasets;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.model.load.ModelLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundled adversarially trained CNN loads on the gradient engine and keeps its robustness where the standard
 * model has none: PGD-20 at L-inf 0.1 on 200 bundled test images.
 */
class BundledRobustModelTest {

    private static final Logger LOG = LoggerFactory.getLogger(BundledRobustModelTest.class);

    private static double[] cleanAndRobust(Classifier c, LabelledDataset data) {
        ProjectedGradientDescent pgd = new ProjectedGradientDescent();
        AttackOutcome o = AttackRunner.run(pgd, c, data.images(), data.labels(), new double[] {0.1},
                pgd.defaults().withSeed(0), CancellationToken.create()).get(0);
        int[] clean = c.predict(data.images().toArray());
        double cleanCorrect = 0;
        double robustCorrect = 0;
        for (int i = 0; i < data.size(); i++) {
            cleanCorrect += clean[i] == data.label(i) ? 1 : 0;
            robustCorrect += o.predictions()[i] == data.label(i) ? 1 : 0;
        }
        return new double[] {cleanCorrect / data.size(), robustCorrect / data.size()};
    }

    @Test
    void theRobustModelResistsPgdWhereTheStandardOneFails() throws Exception {
        LabelledDataset data = Datasets.bundledEvaluation().limit(200);
        try (Classifier robust = ModelLoader.bundledRobust(); Classifier standard = ModelLoader.bundledDefault()) {
            assertTrue(robust.computePath().onGradientEngine(), robust.computePath().describe());
            double[] r = cleanAndRobust(robust, data);
            double[] s = cleanAndRobust(standard, data);
            LOG.info("robust model: clean {}, PGD-20 at 0.1 {}; standard model: clean {}, PGD-20 {}", r[0], r[1], s[0],
                    s[1]);
            assertTrue(r[0] > 0.7 && r[1] > 0.5, "robust model: clean " + r[0] + ", robust " + r[1]);
            assertTrue(s[1] < 0.05, "standard model under PGD: " + s[1]);
        }
    }
}
