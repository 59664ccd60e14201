package org.advlens.defence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.attack.Norm;
import org.advlens.data.Datasets;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.DiagnosticCheck;
import org.advlens.eval.DiagnosticsReport;
import org.advlens.eval.EvaluationDiagnostics;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.junit.jupiter.api.Test;

/**
 * The evaluation diagnostics see through feature squeezing as a classifier wrapper: the bundled standard model
 * behind a bit-depth squeezer, attacked with its true (zero) gradient, is flagged for gradient masking, while the
 * bundled PGD-trained model, robust for real, passes. Few images and short attacks keep it fast.
 */
class SqueezedModelDiagnosticsTest {

    private static final EvaluationDiagnostics.Options OPTIONS = new EvaluationDiagnostics.Options(Norm.LINF,
            new double[] {0.05, 0.1}, 10, 100, 2, 1, 20, 3L);

    private static DiagnosticsReport diagnose(Classifier model, LabelledDataset data) {
        return new EvaluationDiagnostics(model, data, OPTIONS).run(ProgressListener.NONE, CancellationToken.create());
    }

    @Test
    void theSqueezedModelUnderThePlainAttackIsFlagged() throws Exception {
        LabelledDataset data = Datasets.bundledEvaluation().limit(12);
        try (Classifier standard = ModelLoader.bundledDefault()) {
            Classifier squeezed = new PreprocessedClassifier(standard, new BitDepthReduction(3), GradientMode.EXACT);
            DiagnosticsReport r = diagnose(squeezed, data);
            List<String> warned = r.warnings().stream().map(DiagnosticCheck::id).toList();
            assertFalse(r.trustworthy());
            assertTrue(warned.contains("gradients-usable"), warned.toString());
            assertTrue(warned.contains("unbounded-reaches-zero"), warned.toString());
        }
    }

    @Test
    void theAdversariallyTrainedModelIsNotFlagged() throws Exception {
        LabelledDataset data = Datasets.bundledEvaluation().limit(12);
        try (Classifier robust = ModelLoader.bundledRobust()) {
            DiagnosticsReport r = diagnose(robust, data);
            assertTrue(r.trustworthy(), r.warnings().toString());
        }
    }
}
