package org.advlens.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.attack.blackbox.SubstituteModelTraining;
import org.advlens.attack.blackbox.TransferAttack;
import org.advlens.attack.gradient.FastGradientSignMethod;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.ModelInfo;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Substitute training against a linear oracle seen through its labels only: the set doubles per round, every
 * label asked is counted, the substitute comes to agree with the oracle well above chance, and FGSM on the
 * substitute transfers to the oracle.
 */
class SubstituteModelTrainingTest {

    private static final CancellationToken TOKEN = CancellationToken.create();
    private static final float[][] W = LinearFixtures.weights(3, 16, 91);
    private static final LinearClassifier TARGET = LinearFixtures.model(4, 4, W, new float[] {0, 0, 0});
    private static final INDArray SEED = LinearFixtures.images(20, 4, 4, 0.2, 0.8, 93);
    private static final INDArray HELD_OUT = LinearFixtures.images(300, 4, 4, 0.2, 0.8, 95);
    private static final SubstituteModelTraining.Options OPTIONS = SubstituteModelTraining.Options.defaults()
            .withRounds(4).withNetwork(32, 0).withEpochsPerRound(30).withLearningRate(0.01).withSeed(7);

    private static LabelOnly oracle;
    private static SubstituteModelTraining.Result result;

    @BeforeAll
    static void train() {
        oracle = new LabelOnly(TARGET);
        result = new SubstituteModelTraining(oracle, Images.of(SEED), Images.of(HELD_OUT), OPTIONS)
                .run(ProgressListener.NONE, TOKEN);
    }

    @Test
    void augmentationDoublesTheSetAndEveryLabelIsCounted() {
        List<SubstituteModelTraining.Round> rounds = result.rounds();
        assertEquals(4, rounds.size());
        for (int r = 0; r < 4; r++) {
            assertEquals(20 << r, rounds.get(r).trainingSize(), "round " + (r + 1));
            assertEquals(20 << r, rounds.get(r).oracleQueries(), "queries up to round " + (r + 1));
        }
        assertEquals(160, result.oracleQueries());
        assertEquals(300, result.heldOutQueries());
        assertEquals(160 + 300, oracle.queries, "the oracle saw exactly the counted images");
    }

    @Test
    void theSubstituteAgreesWithTheOracleWellAboveChance() {
        assertTrue(result.agreement() > 0.7, "agreement " + result.agreement() + " (chance is 1/3)");
        assertEquals(TARGET.inputSpec(), result.substitute().inputSpec());
        assertEquals(3, result.substitute().numClasses());
    }

    @Test
    void fgsmOnTheSubstituteLowersTheOraclesAccuracy() {
        int[] labels = TARGET.predict(HELD_OUT);
        AttackOutcome o = AttackRunner.run(new TransferAttack(result.substitute(), new FastGradientSignMethod()),
                TARGET, HELD_OUT, labels, new double[] {0.2}, AttackParams.defaults(), TOKEN).get(0);
        assertTrue(o.accuracy() < 0.6, "oracle accuracy under transfer FGSM " + o.accuracy());
    }

    @Test
    void badOptionsAreRejectedWithTheValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> OPTIONS.withRounds(0));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OPTIONS.withLambda(-0.1));
    }

    /** The oracle as the attack may see it: labels, counted per image; no logits, no gradients. */
    private static final class LabelOnly implements Classifier {

        private final Classifier inner;
        int queries;

        LabelOnly(Classifier inner) {
            this.inner = inner;
        }

        @Override
        public ModelInfo info() {
            return inner.info();
        }

        @Override
        public int[] predict(INDArray x) {
            queries += (int) x.size(0);
            return inner.predict(x);
        }

        @Override
        public INDArray logits(INDArray x) {
            throw new AssertionError("the oracle's logits were read");
        }

        @Override
        public INDArray lossGradient(INDArray x, int[] labels) {
            throw new AssertionError("the oracle was differentiated");
        }

        @Override
        public INDArray logitGradient(INDArray x, INDArray weights) {
            throw new AssertionError("the oracle was differentiated");
        }

        @Override
        public Classifier copy() {
            return this;
        }

        @Override
        public void close() {
        }
    }
}
