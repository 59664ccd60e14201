package org.advlens.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.advlens.attack.catalog.Attacks;
import org.advlens.data.Datasets;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table over every registered attack, both norms, untargeted and targeted, on the bundled model and the
 * first images of the bundled evaluation set: robust accuracy never exceeds clean accuracy, every
 * perturbation is inside its epsilon ball and the bounds, the engine never had to repair an attack's output,
 * and targeted attacks hit their target far more often than chance.
 */
class AttackTableTest {

    private static final int N = 40;
    private static final int TARGET = 8;
    private static Classifier model;
    private static LabelledDataset data;
    private static double cleanAccuracy;

    @BeforeAll
    static void load() throws Exception {
        model = ModelLoader.bundledDefault();
        data = Datasets.bundledEvaluation().limit(N);
        int[] pred = model.predict(data.images().toArray());
        int c = 0;
        for (int i = 0; i < N; i++) {
            c += pred[i] == data.label(i) ? 1 : 0;
        }
        cleanAccuracy = (double) c / N;
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        for (FixedEpsilonAttack attack : Attacks.all()) {
            for (Norm norm : Norm.values()) {
                for (boolean targeted : new boolean[] {false, true}) {
                    rows.add(Arguments.of(attack.name(), norm, targeted));
                }
            }
        }
        return rows.stream();
    }

    /** Budgets capped to keep the table quick: 10 gradient steps, or 200 queries for score-based attacks. */
    private static int tableSteps(FixedEpsilonAttack attack) {
        return !attack.iterative() ? 1 : attack.usesGradients() ? 10 : 200;
    }

    @ParameterizedTest(name = "{0} {1} targeted={2}")
    @MethodSource("table")
    void attackRespectsItsBudgetAndNeverHelpsTheModel(String name, Norm norm, boolean targeted) {
        FixedEpsilonAttack attack = Attacks.byName(name);
        double[] eps = norm == Norm.LINF ? new double[] {0.05, 0.3} : new double[] {1.0, 4.0};
        AttackParams params = attack.defaults().withNorm(norm).withSeed(11).withSteps(tableSteps(attack))
                .withRestarts(1).withTarget(targeted ? TARGET : AttackParams.UNTARGETED);
        List<AttackOutcome> outcomes = AttackRunner.run(attack, model, data.images(), data.labels(), eps, params,
                CancellationToken.create());

        for (AttackOutcome o : outcomes) {
            assertEquals(0, o.repaired(), name + " left its ball or the bounds");
            assertTrue(o.accuracy() <= cleanAccuracy, name + " raised accuracy to " + o.accuracy());
            double[] size = norm == Norm.LINF ? o.linf() : o.l2();
            for (double s : size) {
                assertTrue(s <= o.epsilon() + 1e-6, name + " perturbation " + s + " > eps " + o.epsilon());
            }
            float[] px = o.adversarial().pixels();
            for (float v : px) {
                assertTrue(v >= 0f && v <= 1f, "pixel " + v + " outside [0, 1]");
            }
        }
        if (targeted) {
            AttackOutcome strongest = outcomes.get(outcomes.size() - 1);
            int hits = 0;
            int eligible = 0;
            for (int i = 0; i < N; i++) {
                if (data.label(i) != TARGET) {
                    eligible++;
                    hits += strongest.predictions()[i] == TARGET ? 1 : 0;
                }
            }
            double rate = (double) hits / eligible;
            assertTrue(rate > 0.3, name + " " + norm + " hit the target on only " + rate + " of examples");
        }
    }
}
