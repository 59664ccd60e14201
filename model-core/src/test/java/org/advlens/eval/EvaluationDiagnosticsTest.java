package org.advlens.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.attack.Norm;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.ModelInfo;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The trustworthiness report on analytic models: clean on a linear model, warnings where masking is built in. */
class EvaluationDiagnosticsTest {

    private static final EvaluationDiagnostics.Options OPTIONS = new EvaluationDiagnostics.Options(Norm.LINF,
            new double[] {0.05, 0.1, 0.2}, 10, 200, 3, 2, 20, 1L);

    private static DiagnosticsReport report(Classifier model, LabelledDataset data) {
        return new EvaluationDiagnostics(model, data, OPTIONS).run(ProgressListener.NONE, CancellationToken.create());
    }

    private static List<String> warned(DiagnosticsReport r) {
        return r.warnings().stream().map(DiagnosticCheck::id).toList();
    }

    @Test
    void aPlainLinearModelPassesEveryCheck() {
        LinearClassifier model = RobustnessCurveTest.linearModel(0);
        DiagnosticsReport r = report(model, RobustnessCurveTest.dataFor(model, 40));
        assertEquals(7, r.checks().size());
        assertTrue(r.trustworthy(), r.warnings().toString());
        assertEquals(List.of("fgsm", "pgd", "square"), r.curve().curves().stream().map(AttackCurve::attack).toList());
    }

    @Test
    void theQuantisedModelIsFlaggedForMasking() {
        LinearClassifier masked = RobustnessCurveTest.linearModel(4);
        DiagnosticsReport r = report(masked, RobustnessCurveTest.dataFor(masked, 40));
        List<String> ids = warned(r);
        assertTrue(ids.contains("gradients-usable"), ids.toString());
        assertTrue(ids.contains("black-box-not-stronger"), ids.toString());
        assertTrue(ids.contains("unbounded-reaches-zero"), ids.toString());
        assertTrue(!r.trustworthy());
    }

    @Test
    void aSoftmaxOutputPassesWithANoteBecauseTheLogitsAreAttacked() {
        LinearClassifier linear = RobustnessCurveTest.linearModel(0);
        Classifier softmax = new SoftmaxFlagged(linear);
        DiagnosticsReport r = report(softmax, RobustnessCurveTest.dataFor(linear, 20));
        assertEquals(List.of(), warned(r));
        DiagnosticCheck logits = r.checks().stream().filter(c -> c.id().equals("logits-not-softmax")).findFirst()
                .orElseThrow();
        assertEquals("the file ends in a softmax; AdvLens attacks the logits before it", logits.message());
    }

    /** The linear model, described as a network file that ends in a softmax. */
    private record SoftmaxFlagged(LinearClassifier inner) implements Classifier {
        public ModelInfo info() {
            ModelInfo i = inner.info();
            return new ModelInfo(i.name(), i.source(), i.sha256(), i.format(), i.input(), i.classNames(),
                    i.parameterCount(), i.layers(), true);
        }

        public INDArray logits(INDArray x) {
            return inner.logits(x);
        }

        public INDArray lossGradient(INDArray x, int[] labels) {
            return inner.lossGradient(x, labels);
        }

        public INDArray logitGradient(INDArray x, INDArray weights) {
            return inner.logitGradient(x, weights);
        }

        public Classifier copy() {
            return this;
        }

        public void close() {
        }
    }
}
