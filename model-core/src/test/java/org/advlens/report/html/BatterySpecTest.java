package org.advlens.report.html;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The battery record, its presets and its JSON form. */
class BatterySpecTest {

    @ParameterizedTest
    @ValueSource(strings = {"quick", "standard", "thorough"})
    void everyPresetIsValidAndNamedAfterItself(String name) {
        BatterySpec s = BatteryPresets.byName(name);
        assertEquals(name, s.name());
        assertTrue(s.epsilons().length >= 5 && s.autoAttackImages() > 0 && s.minNormImages() > 0, s.summary());
    }

    @Test
    void presetsGrowFromQuickToThorough() {
        BatterySpec q = BatteryPresets.quick();
        BatterySpec s = BatteryPresets.standard();
        BatterySpec t = BatteryPresets.thorough();
        assertTrue(q.images() < s.images() && s.images() < t.images());
        assertTrue(q.steps() < s.steps() && s.steps() < t.steps());
        assertEquals(0, q.certifyImages());
        assertTrue(s.certifyImages() > 0 && t.certifyImages() > s.certifyImages());
    }

    @Test
    void anUnknownPresetNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BatteryPresets.byName("fast"));
        assertTrue(e.getMessage().contains("'fast'") && e.getMessage().contains("[quick, standard, thorough]"),
                e.getMessage());
    }

    @Test
    void badValuesAreRejectedWithTheValueInTheMessage() {
        BatterySpec q = BatteryPresets.quick();
        assertMessage("images must be positive, got 0", () -> new BatterySpec("x", 0, q.attacks(), q.epsilons(),
                q.steps(), 1, 0.1, 1, "deepfool", 1, true, List.of(), new int[0], List.of(), 0, 0.25, 100, 0,
                "gradient", 0, 10));
        assertMessage("nosuch", () -> BatteryJson.fromJson("{\"attacks\": [\"nosuch\"]}"));
        assertMessage("severities must be 1 to 5, got [6]", () -> BatteryJson.fromJson("{\"severities\": [6]}"));
        assertMessage("unknown OOD set 'moon'", () -> BatteryJson.fromJson("{\"oodSets\": [\"moon\"]}"));
        assertMessage("autoAttackImages must be 0 or more, got -1",
                () -> BatteryJson.fromJson("{\"autoAttackImages\": -1}"));
        assertMessage("the standard epsilon must be positive and finite, got 0.0",
                () -> BatteryJson.fromJson("{\"standardEpsilon\": 0}"));
        assertMessage("epsilons must be finite and >= 0, got [-0.1]",
                () -> BatteryJson.fromJson("{\"epsilons\": [-0.1]}"));
        assertMessage("batchSize must be in [1, 10000], got 0", () -> BatteryJson.fromJson("{\"batchSize\": 0}"));
    }

    @Test
    void jsonStartsFromItsPresetAndOverridesOnlyWhatItNames() {
        BatterySpec s = BatteryJson.fromJson("{\"preset\": \"standard\", \"images\": 300, \"attacks\": [\"PGD\"],"
                + " \"certifyImages\": 0, \"seed\": 42}");
        BatterySpec standard = BatteryPresets.standard();
        assertEquals("standard", s.name());
        assertEquals(300, s.images());
        assertEquals(List.of("pgd"), s.attacks());
        assertEquals(0, s.certifyImages());
        assertEquals(42, s.seed());
        assertArrayEquals(standard.epsilons(), s.epsilons());
        assertEquals(standard.corruptions(), s.corruptions());
        assertEquals(standard.autoAttackImages(), s.autoAttackImages());
    }

    @Test
    void jsonWithoutAPresetStartsFromQuickAndIsCalledCustom() {
        BatterySpec s = BatteryJson.fromJson("{\"images\": 50}");
        assertEquals("custom", s.name());
        assertEquals(BatteryPresets.quick().steps(), s.steps());
    }

    @Test
    void jsonRejectsUnknownFieldsWrongTypesAndBrokenText() {
        assertMessage("unknown field 'image'", () -> BatteryJson.fromJson("{\"image\": 5}"));
        assertMessage("'images' must be a whole number, got 2.5", () -> BatteryJson.fromJson("{\"images\": 2.5}"));
        assertMessage("'calibration' must be true or false", () -> BatteryJson.fromJson("{\"calibration\": 1}"));
        assertMessage("'attacks' must be an array", () -> BatteryJson.fromJson("{\"attacks\": \"pgd\"}"));
        assertMessage("not valid JSON", () -> BatteryJson.fromJson("{\"images\": "));
        assertMessage("must be a JSON object", () -> BatteryJson.fromJson("[1]"));
    }

    @Test
    void theWrittenJsonReadsBackToTheSameBattery() {
        BatterySpec s = BatteryPresets.thorough().withSeed(9);
        BatterySpec back = BatteryJson.fromJson(BatteryJson.toJson(s));
        assertEquals(BatteryJson.toJson(s), BatteryJson.toJson(back));
        assertEquals(9, back.seed());
        assertEquals("thorough", back.name());
    }

    @Test
    void limitingCapsEverySection() {
        BatterySpec s = BatteryPresets.thorough().limitedTo(40);
        assertEquals(40, s.images());
        assertEquals(40, s.autoAttackImages());
        assertEquals(40, s.minNormImages());
        assertEquals(40, s.certifyImages());
        assertEquals(8, s.exampleImages());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable run) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, run);
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
