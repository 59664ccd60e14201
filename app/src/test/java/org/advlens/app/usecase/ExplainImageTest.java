package org.advlens.app.usecase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.advlens.saliency.SaliencyMap;
import org.advlens.saliency.SaliencyMethod;
import org.advlens.saliency.Target;
import org.advlens.saliency.method.GradientTimesInput;
import org.advlens.saliency.method.VanillaGradient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExplainImageTest {

    private static Classifier model;
    private static LabelledDataset data;

    @BeforeAll
    static void load() throws Exception {
        model = ModelLoader.bundledDefault();
        data = BundledModel.firstImages(model, 2);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void everySupportedMethodGivesTheMapsOfTheMethodItselfForThePredictedClass() throws Exception {
        // given two images, the gradient and gradient x input, and a method this model cannot run
        SaliencyMethod gradient = new VanillaGradient(new VanillaGradient.Options(false, 8));
        SaliencyMethod timesInput = new GradientTimesInput(new GradientTimesInput.Options(8));
        // when the use case explains the predicted class
        ExplainImage.Result r = Jobs.runNow(new ExplainImage(new ExplainImage.Request(model, data.images(), null,
                Target.predicted(), List.of(gradient, new Unsupported(), timesInput))));
        // then the targets are the predictions, the unsupported method is named, and each map is the method's own
        assertArrayEquals(model.predict(data.images().toArray()), r.targets());
        assertEquals(r.predictions()[1].predicted(), r.targets()[1]);
        assertEquals(List.of("Needs another model"), r.skipped());
        assertEquals(2, r.maps().size());
        SaliencyMap direct = gradient.attribute(model, data.images(), r.targets(), CancellationToken.create());
        assertArrayEquals(direct.values(), r.maps().get(0).map().values(), 1e-7f);
        assertEquals(timesInput, r.maps().get(1).method());
        // gradient x input is the gradient times the pixel, value by value
        float[] product = r.maps().get(1).map().values();
        float[] pixels = data.images().pixels();
        for (int i = 0; i < product.length; i += 97) {
            assertEquals(direct.values()[i] * pixels[i], product[i], 1e-5 * Math.abs(product[i]) + 1e-7);
        }
    }

    @Test
    void theTrueLabelTargetNeedsLabels() throws Exception {
        SaliencyMethod gradient = new VanillaGradient(new VanillaGradient.Options(false, 8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ExplainImage.Request(
                model, data.images(), null, Target.trueLabel(), List.of(gradient)));
        assertTrue(e.getMessage().contains("labelled"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ExplainImage.Request(model, data.images(),
                new int[] {1}, Target.trueLabel(), List.of(gradient)));
        assertTrue(e.getMessage().contains("got 1"), e.getMessage());
        ExplainImage.Result r = Jobs.runNow(new ExplainImage(new ExplainImage.Request(model, data.images(),
                data.labels(), Target.trueLabel(), List.of(gradient))));
        assertArrayEquals(data.labels(), r.targets());
        assertThrows(IllegalArgumentException.class, () -> new ExplainImage.Request(model, data.images(), null,
                Target.predicted(), List.of()));
    }

    /** A method that says it cannot explain any model. */
    private static final class Unsupported implements SaliencyMethod {

        @Override
        public String name() {
            return "unsupported";
        }

        @Override
        public String displayName() {
            return "Needs another model";
        }

        @Override
        public Map<String, Object> parameters() {
            return Map.of();
        }

        @Override
        public boolean signed() {
            return false;
        }

        @Override
        public boolean supports(Classifier model) {
            return false;
        }

        @Override
        public SaliencyMap attribute(Classifier model, Images images, int[] targets, CancellationToken token) {
            throw new AssertionError("an unsupported method must not run");
        }
    }
}
