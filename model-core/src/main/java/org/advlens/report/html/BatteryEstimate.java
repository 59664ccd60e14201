package org.advlens.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.advlens.attack.catalog.Attacks;
import org.advlens.attack.catalog.AutoAttackEnsemble;
import org.advlens.counterfactual.PixelCounterfactual;
import org.advlens.data.Images;
import org.advlens.model.Classifier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How long a battery will take, worked out before it starts from the model's measured cost per image of a forward
 * pass and of a forward pass with an input gradient, times the number of each that every section needs. Iterative
 * attacks are counted as if every image needed every step, so attack sections are upper bounds; the ensemble's
 * later components run only on what earlier ones left, counted as half the images.
 *
 * @param forwardSeconds measured seconds per image of a forward pass
 * @param gradientSeconds measured seconds per image of a forward pass with the loss gradient
 * @param sections the estimate per section, in run order
 */
public record BatteryEstimate(double forwardSeconds, double gradientSeconds, List<Section> sections) {

    /** Section names, as they appear in progress messages and the report. */
    public static final String CURVES = "clean accuracy and curves";
    public static final String ENSEMBLE = "AutoAttack-style ensemble";
    public static final String MIN_NORM = "minimum-norm distances";
    public static final String CALIBRATION = "calibration";
    public static final String CORRUPTIONS = "common corruptions";
    public static final String OOD = "out-of-distribution detection";
    public static final String CERTIFICATION = "certification";
    public static final String PICTURES = "pictures";

    /** Gradients per image per DeepFool iteration with its 10 candidate classes, and iterations counted. */
    private static final int DEEPFOOL_GRADIENTS = 10;
    private static final int MIN_NORM_ITERATIONS = 10;
    /** Gradients a saliency map may take (integrated gradients' default path). */
    private static final int SALIENCY_GRADIENTS = 50;
    /** Forward passes a corruption's own pixel work is worth, per image (blurs and weather dominate). */
    private static final double CORRUPTION_FORWARDS = 4;

    /** One section's estimate. */
    public record Section(String name, double seconds) {
        public Section {
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("estimated seconds must be finite and >= 0, got " + seconds);
            }
        }
    }

    public BatteryEstimate {
        if (!(forwardSeconds >= 0) || !(gradientSeconds >= 0)) {
            throw new IllegalArgumentException("costs per image must be >= 0, got " + forwardSeconds + " and "
                    + gradientSeconds);
        }
        sections = List.copyOf(sections);
    }

    /** The total in seconds. */
    public double totalSeconds() {
        return sections.stream().mapToDouble(Section::seconds).sum();
    }

    /** The estimate of one section, 0 when the battery does not run it. */
    public double seconds(String section) {
        return sections.stream().filter(s -> s.name().equals(section)).mapToDouble(Section::seconds).sum();
    }

    /** Such as {@code "about 3 min 20 s"}. */
    public String describe() {
        return "about " + duration(totalSeconds());
    }

    /** Seconds as {@code "42 s"}, {@code "3 min 20 s"} or {@code "1 h 5 min"}. */
    public static String duration(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %d min", s / 3600, (s % 3600) / 60);
    }

    /**
     * Measures the model on up to {@code sampleCount} of {@code images} (after two warm-up passes) and estimates
     * {@code spec} with the measured costs.
     */
    public static BatteryEstimate measure(Classifier model, Images images, BatterySpec spec, int sampleCount) {
        int n = Math.max(1, Math.min(sampleCount, images.count()));
        INDArray x = images.slice(0, n).toArray();
        int[] labels = new int[n];
        model.predict(x);
        model.predict(x);
        long t0 = System.nanoTime();
        model.predict(x);
        double forward = (System.nanoTime() - t0) / 1e9 / n;
        model.lossGradient(x, labels);
        model.lossGradient(x, labels);
        long t1 = System.nanoTime();
        model.lossGradient(x, labels);
        double gradient = (System.nanoTime() - t1) / 1e9 / n;
        return of(spec, images.count(), forward, gradient);
    }

    /** The estimate for a data set of {@code available} images at the given costs per image. */
    public static BatteryEstimate of(BatterySpec spec, int available, double forwardSeconds, double gradientSeconds) {
        if (!(forwardSeconds >= 0) || !(gradientSeconds >= 0)) {
            throw new IllegalArgumentException("costs per image must be >= 0, got " + forwardSeconds + " and "
                    + gradientSeconds);
        }
        double f = forwardSeconds;
        double g = gradientSeconds;
        int images = Math.min(spec.images(), available);
        List<Section> out = new ArrayList<>();
        long nonZero = java.util.Arrays.stream(spec.epsilons()).filter(e -> e > 0).count();
        double curveGradients = 0;
        for (String a : spec.attacks()) {
            boolean iterative = Attacks.byName(a).iterative();
            int restarts = "pgd".equals(a) ? spec.restarts() : 1;
            curveGradients += nonZero * (iterative ? (double) spec.steps() * restarts : 1);
        }
        out.add(new Section(CURVES, images * (2 * f + g + curveGradients * g + nonZero * spec.attacks().size() * f)));
        int aa = Math.min(spec.autoAttackImages(), available);
        if (aa > 0) {
            int targets = new AutoAttackEnsemble().defaults().restarts();
            double perImage = spec.steps() * g * (1 + 0.5 * targets)
                    + 0.5 * spec.steps() * AutoAttackEnsemble.SQUARE_QUERIES_PER_STEP * f;
            out.add(new Section(ENSEMBLE, aa * (perImage + 2 * f)));
        }
        int mn = Math.min(spec.minNormImages(), available);
        if (mn > 0) {
            double perImage = "deepfool".equals(spec.minNormAttack()) ? MIN_NORM_ITERATIONS * DEEPFOOL_GRADIENTS * g
                    : 5.0 * 100 * g;
            out.add(new Section(MIN_NORM, mn * (perImage + 2 * f)));
        }
        if (spec.calibration()) {
            out.add(new Section(CALIBRATION, images * f));
        }
        if (!spec.corruptions().isEmpty()) {
            double passes = spec.corruptions().size() * spec.severities().length;
            out.add(new Section(CORRUPTIONS, images * (1 + passes * (1 + CORRUPTION_FORWARDS)) * f));
        }
        if (!spec.oodSets().isEmpty()) {
            int sets = 1 + spec.oodSets().size();
            out.add(new Section(OOD, images * sets * (3 * f + g)));
        }
        int cert = Math.min(spec.certifyImages(), available);
        if (cert > 0) {
            out.add(new Section(CERTIFICATION,
                    cert * (double) (BatterySpec.CERTIFY_SELECTION_SAMPLES + spec.certifySamples()) * f));
        }
        int ex = Math.min(spec.exampleImages(), images);
        if (ex > 0) {
            out.add(new Section(PICTURES, ex * (spec.steps() * g + SALIENCY_GRADIENTS * g
                    + PixelCounterfactual.Options.defaults().maxSteps() * g + 4 * f)));
        }
        return new BatteryEstimate(f, g, out);
    }
}
