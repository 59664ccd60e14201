package org.advlens.app.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.attack.AttackParams;
import org.advlens.attack.MinimizationParams;
import org.advlens.attack.Norm;
import org.advlens.attack.blackbox.BoundaryAttack;
import org.advlens.attack.minimization.CarliniWagnerL2;
import org.advlens.attack.minimization.DeepFool;
import org.advlens.attack.minimization.SaliencyMapAttack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MinimumNormSettingsTest {

    private MinimumNormSettings settings;

    @BeforeEach
    void givenDefaultSettings() {
        settings = new MinimumNormSettings();
    }

    @Test
    void theChooserOffersEveryMinimumNormAttackWithJsmaOnce() {
        // then C&W, DeepFool, JSMA, L-BFGS and Boundary are offered, JSMA's direction being a separate switch
        assertEquals(List.of("cw", "deepfool", "jsma", "lbfgs", "boundary"),
                settings.attacks().stream().map(a -> a.name()).toList());
        assertFalse(settings.enabledProperty().get());
    }

    @Test
    void carliniWagnerTakesConfidenceSearchStepsStepsAndLearningRate() {
        // given C&W
        settings.choose("cw");
        assertTrue(settings.usesConfidenceProperty().get() && settings.usesSearchStepsProperty().get()
                && settings.usesStepsProperty().get() && settings.usesLearningRateProperty().get());
        assertFalse(settings.usesOvershootProperty().get() || settings.usesGammaProperty().get()
                || settings.usesNormProperty().get());
        // when the user sets kappa 2, 3 search steps, 40 steps and learning rate 0.05
        settings.confidenceProperty().set("2");
        settings.searchStepsProperty().set(3);
        settings.stepsProperty().set(40);
        settings.learningRateProperty().set("0.05");
        // then the engine parameters carry them, with the target and seed given
        MinimizationParams p = settings.toParams(4, 7L);
        CarliniWagnerL2.Options o = ((CarliniWagnerL2) settings.resolvedAttack()).options();
        assertEquals(2, o.confidence());
        assertEquals(3, o.searchSteps());
        assertEquals(40, o.steps());
        assertEquals(0.05, o.learningRate());
        assertEquals(Norm.L2, p.norm());
        assertEquals(4, p.targetClass());
        assertEquals(7L, p.seed());
    }

    @Test
    void deepFoolTakesOvershootAndNorm() {
        settings.choose("deepfool");
        assertTrue(settings.usesOvershootProperty().get() && settings.usesNormProperty().get());
        settings.overshootProperty().set("0.1");
        settings.normProperty().set(Norm.LINF);
        MinimizationParams p = settings.toParams(AttackParams.UNTARGETED, 0L);
        assertEquals(0.1, ((DeepFool) settings.resolvedAttack()).options().overshoot());
        assertEquals(Norm.LINF, p.norm());
        assertEquals("deepfool", settings.resolvedAttack().name());
    }

    @Test
    void jsmaTakesGammaAndItsDirectionPicksTheVariant() {
        settings.choose("jsma");
        assertTrue(settings.usesGammaProperty().get());
        settings.gammaProperty().set("0.2");
        settings.toParams(1, 0L);
        assertEquals(0.2, ((SaliencyMapAttack) settings.resolvedAttack()).options().maxDistortion());
        assertEquals("jsma", settings.resolvedAttack().name());
        // when the user switches to lowering values
        settings.increaseProperty().set(false);
        // then the decreasing variant runs
        assertEquals("jsma-decrease", settings.resolvedAttack().name());
    }

    @Test
    void choosingAnAttackResetsItsDefaults() {
        settings.choose("cw");
        settings.stepsProperty().set(7);
        settings.choose("deepfool");
        assertEquals(50, settings.stepsProperty().get());
    }

    @Test
    void aBadValueIsNamedInTheError() {
        settings.choose("cw");
        settings.confidenceProperty().set("-1");
        assertTrue(settings.errorProperty().get().contains("-1"), settings.errorProperty().get());
        assertThrows(IllegalArgumentException.class, () -> settings.toParams(AttackParams.UNTARGETED, 0L));
        settings.confidenceProperty().set("abc");
        assertTrue(settings.errorProperty().get().contains("'abc'"), settings.errorProperty().get());
        settings.confidenceProperty().set("0");
        settings.choose("jsma");
        settings.gammaProperty().set("1.5");
        assertTrue(settings.errorProperty().get().contains("1.5"), settings.errorProperty().get());
        assertThrows(IllegalArgumentException.class, () -> settings.choose("fgsm"));
    }

    @Test
    void onlyTheChosenAttacksOwnOptionsAreShownAndEveryShownFieldReachesIt() {
        // given each attack of the chooser
        for (var a : settings.attacks()) {
            settings.choose(a.name());
            // then exactly the form's fields that the attack's options list are in use
            for (String field : settings.fields()) {
                assertEquals(a.parameters().containsKey(field), settings.uses(field).get(), a.name() + " " + field);
            }
            // and its defaults fill the form, so running it unchanged runs the attack's defaults
            assertEquals(a.parameters(), settings.resolvedAttack().parameters(), a.name());
        }
        settings.choose("deepfool");
        assertFalse(settings.usesLearningRateProperty().get() || settings.usesSearchStepsProperty().get());
        assertTrue(settings.usesCandidatesProperty().get());
        settings.candidatesProperty().set(3);
        assertEquals(3, ((DeepFool) settings.resolvedAttack()).options().candidates());
        settings.choose("boundary");
        assertTrue(settings.usesStepsProperty().get() && !settings.usesNormProperty().get());
        settings.stepsProperty().set(300);
        assertEquals(300, ((BoundaryAttack) settings.resolvedAttack()).options().steps());
        settings.choose("lbfgs");
        assertTrue(settings.usesInitialConstantProperty().get() && !settings.usesConfidenceProperty().get());
        settings.initialConstantProperty().set("0");
        assertTrue(settings.errorProperty().get().contains("initial constant"), settings.errorProperty().get());
    }
}
