package org.advlens.app.curves;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.attack.Norm;
import org.advlens.eval.CurveSpec;
import org.junit.jupiter.api.Test;

class CurveSettingsTest {

    @Test
    void defaultsGiveFgsmAndPgdOverARange() {
        // given fresh settings
        CurveSettings s = new CurveSettings();
        // when building the spec
        CurveSpec spec = s.toSpec();
        // then FGSM and PGD run over 0..0.3 in 7 steps, PGD with the form's steps
        assertEquals("", s.errorProperty().get());
        assertEquals(2, spec.attacks().size());
        assertEquals("fgsm", spec.attacks().get(0).attack());
        assertEquals("pgd", spec.attacks().get(1).attack());
        assertEquals(10, spec.attacks().get(1).params().steps());
        assertEquals(7, spec.epsilons().length);
        assertTrue(s.anyIterativeProperty().get());
    }

    @Test
    void normAndListModeReachTheSpec() {
        // given L2 and a list of epsilons without 0
        CurveSettings s = new CurveSettings();
        s.choose("bim");
        s.normProperty().set(Norm.L2);
        s.modeProperty().set(CurveSettings.EpsilonMode.LIST);
        s.listProperty().set("1, 0.5");
        // when building the spec
        CurveSpec spec = s.toSpec();
        // then the norm is L2 and 0 is added in front
        assertEquals(Norm.L2, spec.attacks().get(0).params().norm());
        assertArrayEquals(new double[] {0, 0.5, 1}, spec.epsilons(), 1e-12);
    }

    @Test
    void noAttackOrBadEpsilonsIsAnError() {
        // when nothing is chosen
        CurveSettings s = new CurveSettings();
        s.choose();
        // then the form says so
        assertTrue(s.errorProperty().get().contains("attack"), s.errorProperty().get());
        assertFalse(s.anyIterativeProperty().get());
        // when an attack is chosen but 'to' is not a number
        s.choose("fgsm");
        s.toProperty().set("zero");
        assertTrue(s.errorProperty().get().contains("zero"), s.errorProperty().get());
        assertEquals("", s.epsilonPreviewProperty().get());
    }
}
