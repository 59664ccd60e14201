package org.advlens.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.advlens.attack.blackbox.BoundaryAttack;
import org.advlens.attack.blackbox.SquareAttack;
import org.advlens.attack.catalog.Attacks;
import org.advlens.attack.catalog.MinimizationAttacks;
import org.advlens.attack.minimization.BoxConstrainedLbfgs;
import org.advlens.attack.minimization.CarliniWagnerL2;
import org.advlens.attack.minimization.DeepFool;
import org.advlens.attack.minimization.MinimumEpsilonSearch;
import org.advlens.attack.minimization.SaliencyMapAttack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The per-attack {@code Options} records and the registries that build attacks from a name and option values:
 * every record refuses a bad value naming it, the defaults are the values the attacks always used, every attack
 * is rebuilt from its own {@code parameters()}, and an option an attack does not take is refused.
 */
class AttackOptionsTest {

    private static void refused(Executable build, String... inMessage) {
        var e = assertThrows(IllegalArgumentException.class, build);
        for (String s : inMessage) {
            assertTrue(e.getMessage().contains(s), "'" + s + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void eachOptionsRecordRefusesAnInvalidValueNamingIt() {
        refused(() -> CarliniWagnerL2.Options.defaults().withSteps(0), "steps", "0");
        refused(() -> CarliniWagnerL2.Options.defaults().withSearchSteps(101), "search steps", "101");
        refused(() -> CarliniWagnerL2.Options.defaults().withLearningRate(-0.5), "learning rate", "-0.5");
        refused(() -> CarliniWagnerL2.Options.defaults().withInitialConstant(Double.NaN), "initial constant", "NaN");
        refused(() -> CarliniWagnerL2.Options.defaults().withConfidence(-1), "confidence", "-1");
        refused(() -> DeepFool.Options.defaults().withSteps(100_001), "steps", "100001");
        refused(() -> DeepFool.Options.defaults().withOvershoot(-0.1), "overshoot", "-0.1");
        refused(() -> DeepFool.Options.defaults().withCandidates(1), "candidates", "1");
        refused(() -> SaliencyMapAttack.Options.defaults().withMaxDistortion(1.5), "max distortion", "1.5");
        refused(() -> SaliencyMapAttack.Options.defaults().withMaxDistortion(0), "max distortion", "0");
        refused(() -> BoxConstrainedLbfgs.Options.defaults().withSearchSteps(0), "search steps", "0");
        refused(() -> BoxConstrainedLbfgs.Options.defaults().withInitialConstant(0), "initial constant", "0");
        refused(() -> BoundaryAttack.Options.defaults().withSteps(-3), "steps", "-3");
        refused(() -> BoundaryAttack.Options.defaults().withSphericalStep(1), "spherical step", "1");
        refused(() -> BoundaryAttack.Options.defaults().withSourceStep(0), "source step", "0");
        refused(() -> BoundaryAttack.Options.defaults().withStepAdaptation(1), "step adaptation", "1");
        refused(() -> BoundaryAttack.Options.defaults().withInitDraws(0), "init draws", "0");
        refused(() -> MinimumEpsilonSearch.Options.defaults().withSearchSteps(0), "search steps", "0");
        refused(() -> SquareAttack.Options.defaults().withPInit(1.2), "p-init", "1.2");
        refused(() -> SquareAttack.Options.defaults().withPInit(0), "p-init", "0");
        refused(() -> new CarliniWagnerL2(null), "options");
        refused(() -> new SquareAttack(null), "options");
    }

    @Test
    void theDefaultsAreTheValuesTheAttacksAlwaysUsed() {
        assertEquals(new CarliniWagnerL2.Options(100, 5, 0.1, 0.1, 0), CarliniWagnerL2.Options.defaults());
        assertEquals(new DeepFool.Options(50, 0.02, 10), DeepFool.Options.defaults());
        assertEquals(new SaliencyMapAttack.Options(0.145), SaliencyMapAttack.Options.defaults());
        assertEquals(new BoxConstrainedLbfgs.Options(50, 6, 0.01), BoxConstrainedLbfgs.Options.defaults());
        assertEquals(new BoundaryAttack.Options(2000, 0.01, 0.01, 1.5, 50), BoundaryAttack.Options.defaults());
        assertEquals(new MinimumEpsilonSearch.Options(10), MinimumEpsilonSearch.Options.defaults());
        assertEquals(0.8, SquareAttack.Options.defaults().pInit());
        assertEquals(new CarliniWagnerL2().options(), ((CarliniWagnerL2) MinimizationAttacks.byName("cw")).options());
        assertEquals(Norm.L2, new CarliniWagnerL2().defaults().norm());
        assertEquals(AttackParams.UNTARGETED, new DeepFool().defaults().targetClass());
    }

    @Test
    void everyAttackIsRebuiltFromItsOwnParameters() {
        List<String> names = new java.util.ArrayList<>(MinimizationAttacks.names().subList(0,
                MinimizationAttacks.all().size()));
        names.addAll(List.of("min-fgsm", "min-pgd", "min-square"));
        for (String name : names) {
            MinimizationAttack a = MinimizationAttacks.byName(name);
            assertTrue(!a.parameters().isEmpty(), name + " reports no options");
            assertEquals(a.parameters(), MinimizationAttacks.create(name, a.parameters()).parameters(), name);
            assertEquals(a.parameters().keySet(), MinimizationAttacks.optionNames(name), name);
        }
        for (String name : Attacks.names()) {
            FixedEpsilonAttack a = Attacks.byName(name);
            assertEquals(a.parameters(), Attacks.create(name, a.parameters()).parameters(), name);
        }
    }

    @Test
    void valuesGivenByNameReachTheAttacksOptions() {
        DeepFool deepFool = (DeepFool) MinimizationAttacks.create("deepfool", Map.of("overshoot", "0.1",
                "steps", 7));
        assertEquals(new DeepFool.Options(7, 0.1, 10), deepFool.options());
        CarliniWagnerL2 cw = (CarliniWagnerL2) MinimizationAttacks.create("CW", Map.of("learning-rate", 0.05,
                "search-steps", 2.0));
        assertEquals(DeepFool.Options.defaults().candidates(), deepFool.parameters().get("candidates"));
        assertEquals(new CarliniWagnerL2.Options(100, 2, 0.05, 0.1, 0), cw.options());
        SaliencyMapAttack decrease = (SaliencyMapAttack) MinimizationAttacks.create("jsma-decrease",
                Map.of("max-distortion", 0.3));
        assertEquals("jsma-decrease", decrease.name());
        assertEquals(0.3, decrease.options().maxDistortion());
        SquareAttack square = (SquareAttack) Attacks.create("square", Map.of("p-init", 0.5));
        assertEquals(0.5, square.options().pInit());
        MinimizationAttack search = MinimizationAttacks.create("min-square", Map.of("p-init", 0.4, "steps", 30,
                "search-steps", 3));
        assertEquals(Map.of("search-steps", 3, "steps", 30, "p-init", 0.4), search.parameters());
    }

    @Test
    void anOptionTheAttackDoesNotTakeIsRefusedWithWhatItTakes() {
        refused(() -> MinimizationAttacks.create("cw", Map.of("overshoot", 0.1)), "overshoot", "not apply to cw",
                "steps, search-steps, learning-rate, initial-constant, confidence");
        refused(() -> MinimizationAttacks.create("min-pgd", Map.of("p-init", 0.5)), "p-init", "min-pgd");
        refused(() -> Attacks.create("pgd", Map.of("p-init", 0.5)), "p-init", "pgd", "no options");
        refused(() -> MinimizationAttacks.create("deepfool", Map.of("overshoot", "lots")), "overshoot", "'lots'");
        refused(() -> MinimizationAttacks.create("deepfool", Map.of("steps", 2.5)), "steps", "whole", "2.5");
        refused(() -> MinimizationAttacks.create("nosuch", Map.of()), "nosuch", "cw");
        assertEquals(List.of("cw", "lbfgs"), MinimizationAttacks.taking("initial-constant"));
    }
}
