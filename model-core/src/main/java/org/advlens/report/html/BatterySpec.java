package org.advlens.report.html;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.advlens.attack.catalog.Attacks;
import org.advlens.attack.catalog.MinimizationAttacks;
import org.advlens.corruption.Corruption;
import org.advlens.eval.ood.BuiltInOodSet;
import org.advlens.saliency.method.SaliencyMethods;

/**
 * What a robustness report runs: the standard battery of evaluations and their sizes. A preset ({@link
 * BatteryPresets}) or a JSON file ({@link BatteryJson}) gives one; every size of 0 turns its section off.
 *
 * @param name the preset's name, or {@code custom}
 * @param images evaluation images for clean accuracy, curves, calibration, corruptions and OOD
 * @param attacks fixed-epsilon attacks of the robustness curves
 * @param epsilons budgets of the curves; 0 is added
 * @param steps gradient steps of the iterative attacks (curves and the ensemble)
 * @param restarts random restarts of PGD in the curves
 * @param standardEpsilon the budget at which the AutoAttack-style ensemble and the example pictures are run
 * @param autoAttackImages images for the ensemble (the first of the data set), 0 for none
 * @param minNormAttack the minimum-norm attack ({@code deepfool}, {@code cw}, ...)
 * @param minNormImages images for the minimum-norm attack, 0 for none
 * @param calibration whether to measure calibration (temperature scaling, reliability, selective risk)
 * @param corruptions common corruptions to measure, empty for none
 * @param severities corruption severities, 1 to 5
 * @param oodSets built-in out-of-distribution sets ({@code uniform}, {@code gaussian}, ...), empty for none
 * @param certifyImages images certified by randomized smoothing, 0 for none
 * @param certifySigma the smoothing noise's standard deviation
 * @param certifySamples Monte Carlo samples per certified image ({@code n}; {@code n0} is 100)
 * @param exampleImages adversarial examples, saliency maps and counterfactual-style pictures shown
 * @param saliencyMethod the saliency method of the pictures
 * @param seed the seed of every random choice
 * @param batchSize images per batch
 */
public record BatterySpec(String name, int images, List<String> attacks, double[] epsilons, int steps, int restarts,
                          double standardEpsilon, int autoAttackImages, String minNormAttack, int minNormImages,
                          boolean calibration, List<String> corruptions, int[] severities, List<String> oodSets,
                          int certifyImages, double certifySigma, int certifySamples, int exampleImages,
                          String saliencyMethod, long seed, int batchSize) {

    /** The n0 of randomized smoothing's selection step (Cohen et al. 2019). */
    public static final int CERTIFY_SELECTION_SAMPLES = 100;

    public BatterySpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a battery needs a name, got '" + name + "'");
        }
        positive(images, "images");
        if (attacks == null || attacks.isEmpty()) {
            throw new IllegalArgumentException("a battery needs at least one curve attack, got " + attacks);
        }
        attacks = attacks.stream().map(a -> Attacks.byName(a).name()).distinct().toList();
        if (epsilons == null || epsilons.length == 0) {
            throw new IllegalArgumentException("a battery needs at least one epsilon");
        }
        for (double e : epsilons) {
            if (!(e >= 0) || !Double.isFinite(e)) {
                throw new IllegalArgumentException("epsilons must be finite and >= 0, got " + Arrays.toString(epsilons));
            }
        }
        epsilons = epsilons.clone();
        positive(steps, "steps");
        positive(restarts, "restarts");
        if (!(standardEpsilon > 0) || !Double.isFinite(standardEpsilon)) {
            throw new IllegalArgumentException("the standard epsilon must be positive and finite, got "
                    + standardEpsilon);
        }
        notNegative(autoAttackImages, "autoAttackImages");
        notNegative(minNormImages, "minNormImages");
        minNormAttack = MinimizationAttacks.byName(minNormAttack == null ? "" : minNormAttack).name();
        corruptions = List.copyOf(corruptions == null ? List.of() : corruptions);
        corruptions.forEach(Corruption::byName);
        severities = severities == null ? new int[0] : severities.clone();
        for (int s : severities) {
            if (s < 1 || s > Corruption.MAX_SEVERITY) {
                throw new IllegalArgumentException("severities must be 1 to 5, got " + Arrays.toString(severities));
            }
        }
        if (!corruptions.isEmpty() && severities.length == 0) {
            throw new IllegalArgumentException("corruptions need at least one severity");
        }
        oodSets = List.copyOf(oodSets == null ? List.of() : oodSets);
        for (String id : oodSets) {
            if (BuiltInOodSet.byId(id).isEmpty()) {
                throw new IllegalArgumentException("unknown OOD set '" + id + "': expected one of "
                        + Arrays.stream(BuiltInOodSet.values()).map(BuiltInOodSet::id).toList());
            }
        }
        notNegative(certifyImages, "certifyImages");
        if (certifyImages > 0 && !(certifySigma > 0 && certifySigma <= 10)) {
            throw new IllegalArgumentException("certifySigma must be in (0, 10], got " + certifySigma);
        }
        if (certifyImages > 0 && certifySamples < 10) {
            throw new IllegalArgumentException("certifySamples must be at least 10, got " + certifySamples);
        }
        notNegative(exampleImages, "exampleImages");
        saliencyMethod = SaliencyMethods.byName(saliencyMethod == null ? "" : saliencyMethod).name();
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize must be in [1, 10000], got " + batchSize);
        }
    }

    @Override
    public double[] epsilons() {
        return epsilons.clone();
    }

    @Override
    public int[] severities() {
        return severities.clone();
    }

    /** The same battery on at most {@code limit} images in every section. */
    public BatterySpec limitedTo(int limit) {
        positive(limit, "limit");
        return new BatterySpec(name, Math.min(images, limit), attacks, epsilons, steps, restarts, standardEpsilon,
                Math.min(autoAttackImages, limit), minNormAttack, Math.min(minNormImages, limit), calibration,
                corruptions, severities, oodSets, Math.min(certifyImages, limit), certifySigma, certifySamples,
                Math.min(exampleImages, limit), saliencyMethod, seed, batchSize);
    }

    /** The same battery with another seed. */
    public BatterySpec withSeed(long newSeed) {
        return new BatterySpec(name, images, attacks, epsilons, steps, restarts, standardEpsilon, autoAttackImages,
                minNormAttack, minNormImages, calibration, corruptions, severities, oodSets, certifyImages,
                certifySigma, certifySamples, exampleImages, saliencyMethod, newSeed, batchSize);
    }

    /** A one-line description for logs and the report's header. */
    public String summary() {
        return String.format(Locale.ROOT, "%s: %d images, %s at eps %s (%d steps), ensemble on %d at eps %s, %s on %d",
                name, images, attacks, Arrays.toString(epsilons), steps, autoAttackImages, standardEpsilon,
                minNormAttack, minNormImages);
    }

    private static void positive(int v, String what) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be positive, got " + v);
        }
    }

    private static void notNegative(int v, String what) {
        if (v < 0) {
            throw new IllegalArgumentException(what + " must be 0 or more, got " + v);
        }
    }
}
