package org.advlens.app.sanity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.saliency.SaliencyMethod;
import org.advlens.saliency.sanity.Randomization;
import org.junit.jupiter.api.Test;

class SanitySettingsTest {

    @Test
    void theDefaultsAreValidAndSmall() {
        // given fresh settings
        SanitySettings s = new SanitySettings();
        // then they run a cascading check on a few images
        assertEquals("", s.errorProperty().get());
        assertEquals(8, s.imagesProperty().get());
        assertEquals(Randomization.CASCADING, s.options().randomization());
    }

    @Test
    void chosenMethodsModeAndSeedReachTheOptions() {
        // given two methods, independent randomization and seed 42
        SanitySettings s = new SanitySettings();
        s.choose("gradient", "gxi");
        s.randomizationProperty().set(Randomization.INDEPENDENT);
        s.seedProperty().set(" 42 ");
        // then the check gets them
        assertEquals(java.util.List.of("gradient", "gradient-x-input"),
                s.methods().stream().map(SaliencyMethod::name).toList());
        assertEquals(Randomization.INDEPENDENT, s.options().randomization());
        assertEquals(42L, s.options().seed());
    }

    @Test
    void badSettingsAreReportedWithTheValue() {
        SanitySettings s = new SanitySettings();
        // when the seed is not a number
        s.seedProperty().set("x1");
        assertTrue(s.errorProperty().get().contains("x1"), s.errorProperty().get());
        assertThrows(IllegalArgumentException.class, s::options);
        s.seedProperty().set("1");
        // when there are too many images
        s.imagesProperty().set(5000);
        assertTrue(s.errorProperty().get().contains("5000"), s.errorProperty().get());
        s.imagesProperty().set(2);
        // when no method is chosen
        s.choose();
        assertEquals("choose at least one method", s.errorProperty().get());
        // when permuted labels is asked for here (it has its own button)
        s.choose("gradient");
        s.randomizationProperty().set(Randomization.PERMUTED_LABELS);
        assertTrue(s.errorProperty().get().contains("cascading or independent"), s.errorProperty().get());
    }
}
