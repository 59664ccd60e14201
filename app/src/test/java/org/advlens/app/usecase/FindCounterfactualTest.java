package org.advlens.app.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.advlens.counterfactual.Counterfactual;
import org.advlens.counterfactual.PixelCounterfactual;
import org.advlens.counterfactual.PlausibilityMeasures;
import org.advlens.counterfactual.Targets;
import org.advlens.data.Images;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FindCounterfactualTest {

    private static Classifier model;
    private static Images image;
    private static PlausibilityMeasures measures;

    @BeforeAll
    static void load() throws Exception {
        model = ModelLoader.bundledDefault();
        image = BundledModel.firstImage(model);
        measures = new PlausibilityMeasures(null, null, PlausibilityMeasures.DEFAULT_CHANGE_THRESHOLD,
                model.inputSpec().range());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void aPixelSearchTowardsTheRunnerUpIsMeasuredAndReportsItsProgressInOrder() throws Exception {
        // given a pixel-space search of at most 30 steps towards the image's second most likely class
        int target = Targets.secondMostLikely(model, image)[0];
        PixelCounterfactual pixel = new PixelCounterfactual(PixelCounterfactual.Options.defaults().withMaxSteps(30));
        List<Double> fractions = new ArrayList<>();
        // when the use case searches
        FindCounterfactual.Result r = Jobs.runNow(new FindCounterfactual(new FindCounterfactual.Request(model, image,
                new int[] {target}, List.of(pixel), measures)), (f, m) -> {
                    fractions.add(f);
                    assertTrue(m.startsWith(pixel.displayName() + ": "), m);
                });
        // then there is one counterfactual towards the target, with its measures, and the progress never goes back
        assertEquals(1, r.found().size());
        Counterfactual c = r.found().get(0).counterfactuals().get(0);
        assertEquals(target, c.targetClass());
        assertTrue(c.steps() <= 30, "steps " + c.steps());
        assertEquals(model.predict(c.counterfactual().toArray())[0], c.predictedClass());
        assertEquals(1, r.found().get(0).plausibility().size());
        assertEquals(measures.measure(c), r.found().get(0).plausibility().get(0));
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1) && fractions.get(i) <= 1, fractions.toString());
        }
    }

    @Test
    void targetsMustBeOneClassOfTheModelPerImage() {
        PixelCounterfactual pixel = new PixelCounterfactual(PixelCounterfactual.Options.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new FindCounterfactual.Request(model, image, new int[] {12}, List.of(pixel), measures));
        assertTrue(e.getMessage().contains("12"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () ->
                new FindCounterfactual.Request(model, image, new int[] {1, 2}, List.of(pixel), measures));
        assertTrue(e.getMessage().contains("got 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () ->
                new FindCounterfactual.Request(model, image, new int[] {1}, List.of(), measures));
    }
}
