package org.advlens.app.curves;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.jobs.JobRunner;
import org.advlens.attack.Norm;
import org.advlens.eval.EvaluationDiagnostics;
import org.advlens.eval.MinimumNormEvaluation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The diagnostics and minimum-norm options of the curves view follow the curve form. */
class CurveAnalysesTest {

    private CurvesViewModel vm;

    @BeforeEach
    void givenTheCurvesViewWithNoModel() {
        Notices notices = new Notices();
        vm = new CurvesViewModel(new Workspace(), JobRunner.synchronous(notices), notices);
        vm.settings().modeProperty().set(CurveSettings.EpsilonMode.LIST);
        vm.settings().listProperty().set("0, 0.05, 0.1");
        vm.settings().stepsProperty().set(7);
        vm.settings().batchSizeProperty().set(32);
        vm.settings().seedProperty().set("3");
    }

    @Test
    void diagnosticsUseTheFormsNormPositiveEpsilonsStepsBatchAndSeed() {
        EvaluationDiagnostics.Options o = vm.diagnostics().options();
        assertEquals(Norm.LINF, o.norm());
        assertArrayEquals(new double[] {0.05, 0.1}, o.epsilons());
        assertEquals(7, o.steps());
        assertEquals(DiagnosticsViewModel.QUERIES, o.queries());
        assertEquals(32, o.batchSize());
        assertEquals(3L, o.seed());
        // without a model nothing can run
        assertFalse(vm.diagnostics().canRunProperty().get());
        assertNull(vm.diagnostics().diagnose());
    }

    @Test
    void diagnosticsNeedAPositiveEpsilon() {
        vm.settings().listProperty().set("0");
        assertThrows(IllegalArgumentException.class, () -> vm.diagnostics().options());
    }

    @Test
    void deepFoolFollowsTheFormsNormAndSharesItsEpsilons() {
        MinimumNormCurveViewModel m = vm.minimumNorm();
        assertEquals("deepfool", m.attackProperty().get().name());
        assertEquals(Norm.LINF, m.params().norm());
        MinimumNormEvaluation.Options o = m.options();
        assertArrayEquals(new double[] {0, 0.05, 0.1}, o.epsilons());
        assertEquals(32, o.batchSize());
        assertFalse(m.canRunProperty().get());
    }

    @Test
    void anAttackInAnotherNormGetsEvenBudgetsOfItsOwn() {
        MinimumNormCurveViewModel m = vm.minimumNorm();
        m.attackProperty().set(m.attacks().stream().filter(a -> a.name().equals("cw")).findFirst().orElseThrow());
        assertEquals(Norm.L2, m.params().norm());
        assertEquals(0, m.options().epsilons().length);
        assertEquals(21, m.options().curvePoints());
    }
}
