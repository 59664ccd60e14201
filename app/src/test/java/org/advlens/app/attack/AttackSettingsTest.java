package org.advlens.app.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.attack.AttackParams;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.Norm;
import org.advlens.model.InputSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttackSettingsTest {

    private AttackSettings settings;

    @BeforeEach
    void givenSettingsForAGreyModel() {
        settings = new AttackSettings();
        settings.useModel(InputSpec.grey(28, 28), List.of("a", "b", "c"));
    }

    private FixedEpsilonAttack attack(String name) {
        return settings.attacks().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void typingAValidEpsilonMovesTheSlider() {
        // when the user types 0.25
        settings.epsilonTextProperty().set("0.25");
        // then the slider value follows and there is no error
        assertEquals(0.25, settings.epsilonProperty().get(), 1e-12);
        assertEquals("", settings.epsilonErrorProperty().get());
        assertEquals("", settings.errorProperty().get());
    }

    @Test
    void movingTheSliderRewritesTheText() {
        // when the slider moves to 0.05
        settings.epsilonProperty().set(0.05);
        // then the text shows it without trailing zeros
        assertEquals("0.05", settings.epsilonTextProperty().get());
    }

    @Test
    void invalidEpsilonTextIsReportedAndKeepsTheLastValue() {
        // given a valid epsilon
        settings.epsilonTextProperty().set("0.2");
        // when the user types something that is not a number, then a negative number
        settings.epsilonTextProperty().set("abc");
        // then the error names the value, and the slider keeps 0.2
        assertTrue(settings.errorProperty().get().contains("abc"), settings.errorProperty().get());
        assertEquals(0.2, settings.epsilonProperty().get(), 1e-12);
        settings.epsilonTextProperty().set("-1");
        assertFalse(settings.errorProperty().get().isEmpty());
        // and when the slider moves again, the error clears
        settings.epsilonProperty().set(0.1);
        assertEquals("", settings.errorProperty().get());
    }

    @Test
    void epsilonAboveTheSliderRangeIsRejected() {
        // given L-inf on [0, 1] images, the slider goes to 0.5
        assertEquals(0.5, settings.epsilonMaxProperty().get(), 1e-12);
        // when the user types 0.8
        settings.epsilonTextProperty().set("0.8");
        // then it is an error naming the limit
        assertTrue(settings.errorProperty().get().contains("0.5"), settings.errorProperty().get());
    }

    @Test
    void singleStepAttacksDisableStepsAndRandomParameters() {
        // when FGSM is chosen
        settings.attackProperty().set(attack("fgsm"));
        // then steps and the random-start parameters are off
        assertFalse(settings.iterativeProperty().get());
        assertFalse(settings.randomisedProperty().get());
        // when PGD is chosen
        settings.attackProperty().set(attack("pgd"));
        // then both are on, and the steps come from PGD's defaults
        assertTrue(settings.iterativeProperty().get());
        assertTrue(settings.randomisedProperty().get());
        assertEquals(attack("pgd").defaults().steps(), settings.stepsProperty().get());
    }

    @Test
    void paramsCarryEveryField() {
        // given PGD, L2, eps 1.5, 7 steps, step size 0.3, 2 restarts, targeted at class 2, seed 42
        settings.attackProperty().set(attack("pgd"));
        settings.normProperty().set(Norm.L2);
        settings.epsilonTextProperty().set("1.5");
        settings.stepsProperty().set(7);
        settings.relativeStepSizeProperty().set("0.3");
        settings.restartsProperty().set(2);
        settings.targetedProperty().set(true);
        settings.targetClassProperty().set(2);
        settings.seedProperty().set("42");
        // when building the engine's parameters
        AttackParams p = settings.toParams();
        // then they match
        assertEquals(new AttackParams(Norm.L2, 7, 0.3, 2, 2, 42L), p);
        assertEquals(1.5, settings.epsilonProperty().get(), 1e-12);
    }

    @Test
    void badStepSizeAndSeedAreRejectedWithTheirValue() {
        // when the step size is zero
        settings.relativeStepSizeProperty().set("0");
        // then the error says so
        assertTrue(settings.errorProperty().get().contains("step size"), settings.errorProperty().get());
        assertThrows(IllegalArgumentException.class, settings::toParams);
        // when the step size is blank (attack default) but the seed is not a number
        settings.relativeStepSizeProperty().set("");
        settings.seedProperty().set("x1");
        // then the error names the seed
        assertTrue(settings.errorProperty().get().contains("x1"), settings.errorProperty().get());
    }

    @Test
    void blankStepSizeMeansTheAttacksDefault() {
        // given a blank step size
        settings.attackProperty().set(attack("bim"));
        settings.relativeStepSizeProperty().set(" ");
        // then the engine gets NaN, its "conventional default"
        assertTrue(Double.isNaN(settings.toParams().relativeStepSize()));
    }

    @Test
    void aModelWithWiderBoundsScalesTheEpsilonRange() {
        // when a model on [0, 255] is loaded
        settings.useModel(InputSpec.grey(28, 28).withBounds(0, 255), List.of("a", "b"));
        // then the slider range and the default epsilon scale with it
        assertEquals(127.5, settings.epsilonMaxProperty().get(), 1e-9);
        assertEquals(25.5, settings.epsilonProperty().get(), 1e-9);
    }
}
