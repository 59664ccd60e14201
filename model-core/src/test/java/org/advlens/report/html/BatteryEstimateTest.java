package org.advlens.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The time estimate, worked out by hand from given costs per image. */
class BatteryEstimateTest {

    private static final double F = 0.001;
    private static final double G = 0.01;

    @Test
    void theCurveSectionCountsOneGradientPerSingleStepAndStepsTimesRestartsPerPgdPoint() {
        // quick: 200 images, FGSM and PGD-10 (1 restart) at 4 non-zero budgets
        BatteryEstimate e = BatteryEstimate.of(BatteryPresets.quick(), 1000, F, G);
        // per image: 2 forwards (clean, check) + 1 gradient (masking check) + 4 * (1 + 10) gradients + 4 * 2 forwards
        assertEquals(200 * (2 * F + G + 44 * G + 8 * F), e.seconds(BatteryEstimate.CURVES), 1e-9);
        // calibration: one forward per image; certification is off in quick
        assertEquals(200 * F, e.seconds(BatteryEstimate.CALIBRATION), 1e-12);
        assertEquals(0, e.seconds(BatteryEstimate.CERTIFICATION));
        assertEquals(e.sections().stream().mapToDouble(BatteryEstimate.Section::seconds).sum(), e.totalSeconds(),
                1e-12);
    }

    @Test
    void sectionsShrinkToTheImagesAvailable() {
        BatterySpec standard = BatteryPresets.standard();
        BatteryEstimate small = BatteryEstimate.of(standard, 50, F, G);
        // certification: 50 images (not 100) times n0 + n forwards
        assertEquals(50 * (100 + 1000) * F, small.seconds(BatteryEstimate.CERTIFICATION), 1e-9);
        // corruptions: 15 corruptions at 5 severities, each counted as 1 + 4 forwards, plus the clean pass
        assertEquals(50 * (1 + 75 * 5) * F, small.seconds(BatteryEstimate.CORRUPTIONS), 1e-9);
    }

    @Test
    void sectionsThatAreOffAreLeftOut() {
        BatterySpec s = BatteryJson.fromJson("{\"autoAttackImages\": 0, \"minNormImages\": 0, \"calibration\": false,"
                + " \"corruptions\": [], \"oodSets\": [], \"exampleImages\": 0}");
        List<String> names = BatteryEstimate.of(s, 100, F, G).sections().stream()
                .map(BatteryEstimate.Section::name).toList();
        assertEquals(List.of(BatteryEstimate.CURVES), names);
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("42 s", BatteryEstimate.duration(41.6));
        assertEquals("3 min 20 s", BatteryEstimate.duration(200));
        assertEquals("1 h 5 min", BatteryEstimate.duration(3900));
    }

    @Test
    void negativeCostsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatteryEstimate.of(BatteryPresets.quick(), 10, -1, G));
        assertEquals("costs per image must be >= 0, got -1.0 and 0.01", e.getMessage());
    }
}
