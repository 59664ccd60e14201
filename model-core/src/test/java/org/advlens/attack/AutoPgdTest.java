package org.advlens.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.attack.catalog.AutoAttackEnsemble;
import org.advlens.attack.gradient.AutoPgdCrossEntropy;
import org.advlens.attack.gradient.AutoPgdDlr;
import org.advlens.attack.gradient.AutoPgdTargeted;
import org.advlens.attack.gradient.ProjectedGradientDescent;
import org.advlens.job.CancellationToken;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** APGD in its three forms and the ensemble on a five-class linear model with 64 inputs. */
class AutoPgdTest {

    private static final CancellationToken TOKEN = CancellationToken.create();
    private static final float[][] W = LinearFixtures.weights(5, 64, 31);
    private static final float[] B = {0.3f, 0, -0.3f, 0.1f, 0};
    private static final LinearClassifier MODEL = LinearFixtures.model(8, 8, W, B);
    private static final INDArray X = LinearFixtures.images(40, 8, 8, 0.1, 0.9, 33);
    private static final int[] LABELS = MODEL.predict(X);

    private static double success(FixedEpsilonAttack attack, AttackParams p, double eps) {
        AttackOutcome o = AttackRunner.run(attack, MODEL, X, LABELS, new double[] {eps}, p, TOKEN).get(0);
        assertEquals(0, o.repaired(), attack.name() + " left the ball or the bounds");
        double[] size = p.norm() == Norm.LINF ? o.linf() : o.l2();
        for (double s : size) {
            assertTrue(s <= eps + 1e-6, attack.name() + " perturbation " + s + " > eps " + eps);
        }
        return o.successRate();
    }

    @Test
    void apgdReachesAtLeastPgdsSuccessInBothNorms() {
        for (Norm norm : Norm.values()) {
            // budgets where PGD fools some but not all examples
            double eps = norm == Norm.LINF ? 0.03 : 0.35;
            AttackParams p = AttackParams.defaults().withNorm(norm).withSteps(20).withSeed(5);
            double pgd = success(new ProjectedGradientDescent(), p, eps);
            assertTrue(pgd > 0.05 && pgd < 0.95, norm + ": PGD success " + pgd + " should be partial");
            for (FixedEpsilonAttack apgd : List.of(new AutoPgdCrossEntropy(), new AutoPgdDlr(), new AutoPgdTargeted(),
                    new AutoAttackEnsemble())) {
                double s = success(apgd, p.withRestarts(apgd.defaults().restarts()), eps);
                assertTrue(s >= pgd, norm + ": " + apgd.name() + " fooled " + s + " < PGD's " + pgd);
            }
        }
    }

    @Test
    void apgdFoolsEveryExampleWhoseBoundaryIsInsideTheBall() {
        double eps = 0.05;
        AttackOutcome o = AttackRunner.run(new AutoPgdCrossEntropy(), MODEL, X, LABELS, new double[] {eps},
                AttackParams.defaults().withSteps(30).withSeed(2), TOKEN).get(0);
        for (int i = 0; i < LABELS.length; i++) {
            double d = LinearFixtures.boundaryDistance(W, B, LinearFixtures.row(X, i), LABELS[i], Norm.LINF);
            if (d < eps * 0.9) {
                // the L-inf boundary distance ignores the bounds, so only count points far enough inside
                assertTrue(o.success()[i] || boundsMatter(i, eps), "example " + i + " at distance " + d);
            }
        }
    }

    private static boolean boundsMatter(int i, double eps) {
        for (float v : LinearFixtures.row(X, i)) {
            if (v < eps || v > 1 - eps) {
                return true;
            }
        }
        return false;
    }

    @Test
    void targetedApgdReachesTheTarget() {
        AttackParams p = AttackParams.defaults().withSteps(30).withTarget(3).withSeed(1);
        for (FixedEpsilonAttack a : List.of(new AutoPgdCrossEntropy(), new AutoPgdDlr(), new AutoPgdTargeted())) {
            AttackOutcome o = AttackRunner.run(a, MODEL, X, LABELS, new double[] {0.3}, p, TOKEN).get(0);
            assertEquals(1.0, o.successRate(), a.name() + " targeted at eps 0.3");
        }
    }

    @Test
    void sameSeedSameResult() {
        AttackParams p = AttackParams.defaults().withSteps(10).withSeed(9);
        INDArray a = new AutoPgdDlr().run(MODEL, X, LABELS, new double[] {0.02}, p, TOKEN)[0];
        INDArray b = new AutoPgdDlr().run(MODEL, X, LABELS, new double[] {0.02}, p, TOKEN)[0];
        assertArrayEquals(a.reshape(-1).toFloatVector(), b.reshape(-1).toFloatVector());
    }

    @Test
    void dlrGradientMatchesFiniteDifferences() {
        float[][] z = {{1.5f, -0.3f, 2.2f, 0.4f, 0.9f}};
        int[] y = {0};
        for (int[] t : new int[][] {null, {3}}) {
            double[] loss = new double[1];
            float[] grad = LogitLosses.dlr(z, y, t, loss).toFloatVector();
            for (int k = 0; k < 5; k++) {
                float[][] up = {z[0].clone()};
                float[][] down = {z[0].clone()};
                up[0][k] += 1e-3f;
                down[0][k] -= 1e-3f;
                double[] lu = new double[1];
                double[] ld = new double[1];
                LogitLosses.dlr(up, y, t, lu);
                LogitLosses.dlr(down, y, t, ld);
                assertEquals((lu[0] - ld[0]) / 2e-3, grad[k], 2e-3, "d DLR / d z_" + k + " targeted=" + (t != null));
            }
        }
    }
}
