package org.advlens.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;
import org.advlens.attack.blackbox.BoundaryAttack;
import org.advlens.attack.blackbox.SquareAttack;
import org.advlens.attack.catalog.MinimizationAttacks;
import org.advlens.attack.minimization.BoxConstrainedLbfgs;
import org.advlens.attack.minimization.DeepFool;
import org.advlens.attack.minimization.SaliencyMapAttack;
import org.advlens.data.Datasets;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The attacks built from their {@code Options} (and from the registry by name) reproduce, on the bundled CNN and
 * its first bundled evaluation images, the distances the same runs gave when every hyperparameter sat in one shared
 * {@code MinimizationParams} record and Square's {@code p_init} was a constant. The expected values were printed by
 * that build with the same calls (defaults, or the few shortened budgets named here).
 */
class DefaultOptionsReproduceTest {

    private static final CancellationToken TOKEN = CancellationToken.create();
    private static Classifier model;
    private static INDArray x;
    private static int[] labels;
    private static INDArray x2;
    private static int[] labels2;

    @BeforeAll
    static void load() throws Exception {
        model = ModelLoader.bundledDefault();
        LabelledDataset data = Datasets.bundledEvaluation().limit(4);
        x = data.images().toArray();
        labels = data.labels();
        x2 = BatchRows.select(x, new int[] {0, 1});
        labels2 = Arrays.copyOf(labels, 2);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static void same(double[] before, double[] now, String what) {
        assertEquals(before.length, now.length, what);
        for (int i = 0; i < before.length; i++) {
            assertEquals(before[i], now[i], Double.isInfinite(before[i]) ? 0 : 1e-6 * before[i],
                    what + ", example " + i + ": " + Arrays.toString(now));
        }
    }

    @Test
    void deepFoolAndJsmaWithTheirDefaults() {
        MinimizationAttack deepFool = MinimizationAttacks.byName("deepfool");
        same(new double[] {0.32081564649958010, 1.2339653306894114, 1.0915745024184142, 0.95353734917021600},
                MinimizationRunner.run(deepFool, model, x, labels, deepFool.defaults(), TOKEN).distance(),
                "DeepFool L2");
        same(new double[] {0.024990931153297424, 0.068503320217132570, 0.078560084104537960, 0.070991992950439450},
                MinimizationRunner.run(new DeepFool(), model, x, labels, new DeepFool().defaults().withNorm(Norm.LINF),
                        TOKEN).distance(), "DeepFool L-inf");
        same(new double[] {14, Double.POSITIVE_INFINITY}, MinimizationRunner.run(new SaliencyMapAttack(), model, x2,
                labels2, new SaliencyMapAttack().defaults(), TOKEN).distance(), "JSMA");
    }

    @Test
    void optimisationAttacksWithShortenedBudgets() {
        MinimizationAttack cw = MinimizationAttacks.create("cw", Map.of("steps", 20, "search-steps", 2));
        same(new double[] {0.64271944366616010, 1.9557803528317640},
                MinimizationRunner.run(cw, model, x2, labels2, cw.defaults(), TOKEN).distance(), "C&W");
        BoxConstrainedLbfgs lbfgs = new BoxConstrainedLbfgs(new BoxConstrainedLbfgs.Options(10, 2, 0.01));
        same(new double[] {0.32011321012533140, Double.POSITIVE_INFINITY},
                MinimizationRunner.run(lbfgs, model, x2, labels2, lbfgs.defaults(), TOKEN).distance(), "L-BFGS");
    }

    @Test
    void blackBoxAttacksWithTheirDefaultConstants() {
        BoundaryAttack boundary = new BoundaryAttack(BoundaryAttack.Options.defaults().withSteps(100));
        same(new double[] {4.7739061559319085, 8.2092123136666630}, MinimizationRunner.run(boundary, model, x2,
                labels2, boundary.defaults().withSeed(3), TOKEN).distance(), "Boundary");
        MinimizationAttack search = MinimizationAttacks.create("min-square", Map.of("steps", 50, "search-steps", 4));
        same(new double[] {0.12500002980232240, 0.31250002980232240},
                MinimizationRunner.run(search, model, x2, labels2, search.defaults(), TOKEN).distance(),
                "minimum-epsilon Square");
        AttackOutcome square = AttackRunner.run(new SquareAttack(), model, x, labels, new double[] {0.1},
                new SquareAttack().defaults().withSteps(100).withSeed(5), TOKEN).get(0);
        same(new double[] {2.3408497936024566, 2.4371478331621110, 2.2336355689806560, 2.2257554651277394},
                square.l2(), "Square L2 of the perturbation");
    }
}
