package org.advlens.app.counterfactual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.counterfactual.CounterfactualMethod;
import org.advlens.counterfactual.LatentCounterfactual;
import org.advlens.counterfactual.PixelCounterfactual;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CounterfactualSettingsTest {

    private CounterfactualSettings settings;

    @BeforeEach
    void givenSettingsForThreeClasses() {
        settings = new CounterfactualSettings();
        settings.useClasses(List.of("a", "b", "c"));
    }

    @Test
    void theWeightsReachThePixelSearch() {
        // given custom weights, confidence and steps
        settings.confidenceProperty().set("0.8");
        settings.l1Property().set("0.01");
        settings.l2Property().set("0");
        settings.tvProperty().set("0.1");
        settings.stepsProperty().set(50);
        settings.latentWeightProperty().set("0.5");
        settings.latentConfidenceProperty().set("0.95");
        settings.prototypeWeightProperty().set("2");
        settings.prototypeNeighboursProperty().set(7);
        // then both searches get them
        PixelCounterfactual.Options p = settings.pixelOptions();
        assertEquals(0.8, p.confidence(), 1e-12);
        assertEquals(0.01, p.l1(), 1e-12);
        assertEquals(0.0, p.l2(), 1e-12);
        assertEquals(0.1, p.tv(), 1e-12);
        assertEquals(50, p.maxSteps());
        LatentCounterfactual.Options l = settings.latentOptions();
        assertEquals(0.5, l.latentWeight(), 1e-12);
        assertEquals(0.95, l.confidence(), 1e-12);
        assertEquals(2.0, l.prototypeWeight(), 1e-12);
        assertEquals(7, l.prototypeNeighbours());
        assertEquals(50, l.maxSteps());
        List<CounterfactualMethod> methods = settings.methods(null);
        assertEquals(List.of("pixel"), methods.stream().map(CounterfactualMethod::name).toList());
    }

    @Test
    void badValuesAreReportedWithTheValue() {
        // when the confidence is 1.5
        settings.confidenceProperty().set("1.5");
        // then the engine's check names it
        assertTrue(settings.errorProperty().get().contains("1.5"), settings.errorProperty().get());
        // when a weight is negative or not a number
        settings.confidenceProperty().set("0.9");
        settings.l1Property().set("-1");
        assertTrue(settings.errorProperty().get().contains("-1"), settings.errorProperty().get());
        settings.l1Property().set("abc");
        assertTrue(settings.errorProperty().get().contains("abc"), settings.errorProperty().get());
        assertThrows(IllegalArgumentException.class, () -> settings.methods(null));
        settings.l1Property().set("0");
        assertEquals("", settings.errorProperty().get());
        // when the on-manifold confidence is 1 or the prototype weight is negative
        settings.latentConfidenceProperty().set("1");
        assertTrue(settings.errorProperty().get().contains("confidence"), settings.errorProperty().get());
        settings.latentConfidenceProperty().set("0.999");
        settings.prototypeWeightProperty().set("-2");
        assertTrue(settings.errorProperty().get().contains("-2"), settings.errorProperty().get());
        settings.prototypeWeightProperty().set("10");
        assertEquals("", settings.errorProperty().get());
    }

    @Test
    void onManifoldSearchNeedsAnAutoencoder() {
        // when on-manifold is chosen without a generative model
        settings.kindProperty().set(CounterfactualSettings.Kind.BOTH);
        // then building the methods says what is missing
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings.methods(null));
        assertTrue(e.getMessage().contains("autoencoder"), e.getMessage());
    }

    @Test
    void aTargetOutsideTheClassesIsAnError() {
        settings.targetClassProperty().set(5);
        assertEquals("choose a target class", settings.errorProperty().get());
    }
}
