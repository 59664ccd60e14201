package org.advlens.eval.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.ProgressListener;
import org.advlens.model.ChannelOrder;
import org.advlens.model.InputSpec;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.Test;

/** Calibration with and without a shift of the evaluated images, on an over-confident linear classifier. */
class CalibrationEvaluationTest {

    private static final InputSpec SPEC = new InputSpec(1, 1, 2, ChannelOrder.NCHW, 0, 1, null, null);
    /** z = 20 (x0 - x1) for class 0 and its negative for class 1: right on the data below, far too sure. */
    private static final LinearClassifier MODEL = new LinearClassifier(SPEC,
            new float[][] {{10, -10}, {-10, 10}}, new float[] {0, 0});
    private static final CalibrationEvaluation.Options OPTIONS = new CalibrationEvaluation.Options(10, 0.5, 3, 0.05,
            64, null);

    /** 400 two-pixel images labelled 0 when x0 > x1, with a tenth of the labels flipped so the model errs. */
    private static LabelledDataset data(boolean swapped) {
        Random random = new Random(1);
        float[] pixels = new float[800];
        int[] labels = new int[400];
        for (int i = 0; i < 400; i++) {
            float a = random.nextFloat();
            float b = random.nextFloat();
            pixels[2 * i] = swapped ? b : a;
            pixels[2 * i + 1] = swapped ? a : b;
            labels[i] = (a > b) == (random.nextInt(10) > 0) ? 0 : 1;
        }
        return new LabelledDataset("pairs", "test", new Images(pixels, 400, 1, 1, 2), labels, java.util.List.of());
    }

    private static CalibrationEvaluation.Result run(LabelledDataset shifted) {
        return new CalibrationEvaluation(MODEL, data(false), shifted, OPTIONS).run(ProgressListener.NONE,
                CancellationToken.create());
    }

    @Test
    void theUnshiftedDataGiveTheSameResultAsNoShift() {
        CalibrationEvaluation.Result plain = new CalibrationEvaluation(MODEL, data(false), OPTIONS)
                .run(ProgressListener.NONE, CancellationToken.create());
        CalibrationEvaluation.Result same = run(data(false));
        assertEquals(plain.fit().temperature(), same.fit().temperature(), 0);
        assertEquals(plain.before().ece(), same.before().ece(), 0);
        assertEquals(plain.after().accuracy(), same.after().accuracy(), 0);
        // the model is over-confident: scaling raises the temperature and lowers the negative log-likelihood
        assertTrue(plain.fit().temperature() > 1, "T " + plain.fit().temperature());
        assertTrue(plain.fit().nllAfter() < plain.fit().nllBefore());
    }

    @Test
    void aShiftIsMeasuredWithTheTemperatureFittedOnCleanImages() {
        CalibrationEvaluation.Result clean = run(data(false));
        // swapping the two pixels flips every prediction of the evaluation split, not the fitting split's
        CalibrationEvaluation.Result shifted = run(data(true));
        assertEquals(clean.fit().temperature(), shifted.fit().temperature(), 0);
        assertEquals(1 - clean.before().accuracy(), shifted.before().accuracy(), 1e-12);
        assertTrue(shifted.before().ece() > clean.before().ece() + 0.5, shifted.before().ece() + " vs "
                + clean.before().ece());
    }

    @Test
    void shiftedDataMustBeTheSameImagesAndLabels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CalibrationEvaluation(MODEL, data(false), data(false).limit(10), OPTIONS));
        assertEquals("the shifted data must be the same 400 images with the same labels, got 10", e.getMessage());
    }
}
