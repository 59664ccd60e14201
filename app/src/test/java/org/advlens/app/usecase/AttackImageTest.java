package org.advlens.app.usecase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackParams;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.MinimizationAttack;
import org.advlens.attack.Norm;
import org.advlens.attack.catalog.Attacks;
import org.advlens.attack.catalog.MinimizationAttacks;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.job.CancelledException;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AttackImageTest {

    private static Classifier model;
    private static Images image;

    @BeforeAll
    static void load() throws Exception {
        model = ModelLoader.bundledDefault();
        image = BundledModel.firstImage(model);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void aFixedBudgetAttackGivesTheEngineRunnersVerifiedOutcomeAndReportsItsSteps() throws Exception {
        // given FGSM at eps 0.1 on the first evaluation image, labelled by the model's prediction
        FixedEpsilonAttack fgsm = Attacks.byName("fgsm");
        AttackParams params = fgsm.defaults().withSeed(5);
        List<String> steps = new ArrayList<>();
        // when the use case runs
        AttackImage.Result r = Jobs.runNow(new AttackImage(new AttackImage.Request(model, image,
                AttackImage.Request.FROM_PREDICTION, new AttackImage.FixedBudget(fgsm, 0.1, params))),
                (f, m) -> steps.add(m));
        // then it attacked the clean prediction and its image is the engine runner's, within epsilon
        assertTrue(r.labelFromPrediction());
        assertEquals(r.before().predicted(), r.label());
        AttackOutcome direct = AttackRunner.run(fgsm, model, image, new int[] {r.label()}, new double[] {0.1},
                params, CancellationToken.create()).get(0);
        assertArrayEquals(direct.adversarial().pixels(), r.outcome().adversarial().pixels());
        assertTrue(r.outcome().linf()[0] <= 0.1 + 1e-6, "linf " + r.outcome().linf()[0]);
        assertEquals(r.after().predicted() != r.label(), r.outcome().success()[0]);
        assertFalse(r.minimumNorm());
        assertTrue(Double.isNaN(r.minimalDistance()));
        assertEquals(List.of("predicting the clean image", "running " + fgsm.displayName(), "measuring the result"),
                steps);
    }

    @Test
    void aMinimumNormAttackCarriesTheDistanceTheEngineMeasured() throws Exception {
        // given DeepFool (L2) on the same image, with the image's class given
        MinimizationAttack deepfool = MinimizationAttacks.byName("deepfool");
        int label = model.predict(image.toArray())[0];
        // when the use case runs
        AttackImage.Result r = Jobs.runNow(new AttackImage(new AttackImage.Request(model, image, label,
                new AttackImage.MinimumNorm(deepfool, deepfool.defaults().withNorm(Norm.L2)))));
        // then the minimal distance is the L2 norm of the verified, clipped candidate
        assertFalse(r.labelFromPrediction());
        assertTrue(r.minimumNorm());
        assertEquals("l2", r.distanceMeasure());
        assertTrue(r.outcome().success()[0]);
        assertEquals(r.outcome().l2()[0], r.minimalDistance(), 1e-9);
        assertTrue(r.minimalDistance() > 0);
    }

    @Test
    void aCancelledRunStopsBeforeAttacking() {
        // given a token cancelled before the run
        CancellationToken token = CancellationToken.create();
        token.cancel();
        AttackImage job = new AttackImage(new AttackImage.Request(model, image, 0,
                new AttackImage.FixedBudget(Attacks.byName("pgd"), 0.1, AttackParams.defaults())));
        // then the run stops at its first check
        assertThrows(CancelledException.class, () -> job.run((f, m) -> { }, token));
    }

    @Test
    void badRequestsAreRejectedWithTheValue() {
        FixedEpsilonAttack fgsm = Attacks.byName("fgsm");
        AttackImage.FixedBudget budget = new AttackImage.FixedBudget(fgsm, 0.1, AttackParams.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AttackImage.Request(model, image, 10, budget));
        assertTrue(e.getMessage().contains("10"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new AttackImage.FixedBudget(fgsm, -0.5, AttackParams.defaults()));
        assertTrue(e.getMessage().contains("-0.5"), e.getMessage());
        Images two = new Images(new float[2 * 784], 2, 1, 28, 28);
        e = assertThrows(IllegalArgumentException.class, () -> new AttackImage.Request(model, two, 0, budget));
        assertTrue(e.getMessage().contains("2"), e.getMessage());
        Images wrongShape = new Images(new float[3 * 32 * 32], 1, 3, 32, 32);
        e = assertThrows(IllegalArgumentException.class,
                () -> new AttackImage.Request(model, wrongShape, 0, budget));
        assertTrue(e.getMessage().contains("3x32x32"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AttackImage.Request(model, image, 0, null));
    }
}
