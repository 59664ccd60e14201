package org.advlens.app.usecase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.advlens.attack.catalog.Attacks;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.CurvePoint;
import org.advlens.eval.CurveResult;
import org.advlens.eval.CurveSpec;
import org.advlens.eval.Prediction;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MeasureRobustnessCurveTest {

    private static Classifier model;
    private static LabelledDataset data;

    @BeforeAll
    static void load() throws Exception {
        model = ModelLoader.bundledDefault();
        data = BundledModel.firstImages(model, 12);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void theCurveStartsAtTheCleanAccuracyAndHandsOutEveryPoint() throws Exception {
        // given FGSM at eps 0 and 0.1 over twelve labelled images, in batches of five
        CurveSpec spec = new CurveSpec(List.of(new CurveSpec.Entry("fgsm", Attacks.byName("fgsm").defaults())),
                new double[] {0, 0.1}, 5);
        List<CurvePoint> points = new ArrayList<>();
        // when the use case measures the curve
        CurveResult r = Jobs.runNow(new MeasureRobustnessCurve(new MeasureRobustnessCurve.Request(model, data, spec),
                points::add));
        // then accuracy at eps 0 is the share of images the model gets right, counted here by hand
        int correct = 0;
        Prediction[] predictions = Prediction.of(model, data.images());
        for (int i = 0; i < data.size(); i++) {
            correct += predictions[i].predicted() == data.label(i) ? 1 : 0;
        }
        assertEquals((double) correct / data.size(), r.cleanAccuracy(), 1e-12);
        assertEquals(r.cleanAccuracy(), r.curves().get(0).points().get(0).accuracy(), 1e-12);
        assertTrue(r.curves().get(0).points().get(1).accuracy() <= r.cleanAccuracy());
        // and each finished point went to the listener
        assertEquals(2, points.size());
        assertArrayEquals(new double[] {0, 0.1}, points.stream().mapToDouble(CurvePoint::epsilon).sorted().toArray());
        assertEquals(data.size(), r.size());
    }

    @Test
    void imagesOfAnotherShapeAreRejected() {
        CurveSpec spec = new CurveSpec(List.of(new CurveSpec.Entry("fgsm", Attacks.byName("fgsm").defaults())),
                new double[] {0, 0.1}, 5);
        LabelledDataset colour = new LabelledDataset("colour", "memory", new Images(new float[3 * 8 * 8], 1, 3, 8, 8),
                new int[] {0}, List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MeasureRobustnessCurve.Request(model, colour, spec));
        assertTrue(e.getMessage().contains("3x8x8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MeasureRobustnessCurve.Request(model, data, null));
    }
}
