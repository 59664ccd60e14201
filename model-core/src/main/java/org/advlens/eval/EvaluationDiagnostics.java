package org.advlens.eval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.advlens.attack.AttackParams;
import org.advlens.attack.MinimizationRunner;
import org.advlens.attack.Norm;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.job.Job;
import org.advlens.job.ProgressListener;
import org.advlens.model.Classifier;

/**
 * "Is this evaluation trustworthy?": runs FGSM, PGD and the score-based Square attack at the given budgets, PGD
 * at an unbounded one (the whole input box), then PGD with more steps and restarts, and checks the signs of an unreliable evaluation listed by Carlini et al.,
 * "On Evaluating Adversarial Robustness" (2019) and Athalye, Carlini and Wagner, "Obfuscated Gradients Give a
 * False Sense of Security" (ICML 2018):
 * <ul>
 *   <li>the iterative attack is at least as strong as the single-step one;</li>
 *   <li>accuracy falls monotonically with epsilon;</li>
 *   <li>an unbounded budget brings accuracy to about 0;</li>
 *   <li>the black-box attack is never stronger than the white-box one;</li>
 *   <li>more steps and restarts change little;</li>
 *   <li>input gradients are neither all zero nor NaN;</li>
 *   <li>the attacks see the logits, not softmax outputs (a file that ends in a softmax passes with a note:
 *       {@link Classifier#logits} is always the pre-softmax output).</li>
 * </ul>
 * The first three and the gradient check come from {@link MaskingChecks} on the curves; the rest are added here.
 * Differences count only when larger than {@code max(2/n, 0.005)}, as in {@link MaskingChecks}.
 */
public final class EvaluationDiagnostics implements Job<DiagnosticsReport> {

    /**
     * @param norm the threat model
     * @param epsilons budgets to check at, below the box's diameter (PGD also runs at the diameter itself)
     * @param steps PGD steps
     * @param queries Square's query budget
     * @param strongFactor how many times more steps the stronger PGD takes
     * @param strongRestarts restarts of the stronger PGD
     * @param batchSize examples per batch
     * @param seed seed of every random choice
     */
    public record Options(Norm norm, double[] epsilons, int steps, int queries, int strongFactor, int strongRestarts,
                          int batchSize, long seed) {
        public Options {
            if (norm == null) {
                throw new IllegalArgumentException("norm must not be null");
            }
            if (epsilons == null || epsilons.length == 0 || Arrays.stream(epsilons).anyMatch(e -> !(e > 0)
                    || !Double.isFinite(e))) {
                throw new IllegalArgumentException("at least one positive finite epsilon is required, got "
                        + Arrays.toString(epsilons));
            }
            if (steps < 1 || steps > 10_000 || queries < 1 || queries > 100_000) {
                throw new IllegalArgumentException("steps must be in [1, 10000] and queries in [1, 100000], got "
                        + steps + " and " + queries);
            }
            if (strongFactor < 1 || strongFactor > 100 || strongRestarts < 1 || strongRestarts > 100) {
                throw new IllegalArgumentException("the stronger PGD's factor and restarts must be in [1, 100], got "
                        + strongFactor + " and " + strongRestarts);
            }
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("batch size must be in [1, 10000], got " + batchSize);
            }
            epsilons = Arrays.stream(epsilons).sorted().distinct().toArray();
        }

        /** PGD-20, Square with 500 queries, the stronger PGD with 5x the steps and 2 restarts, batch 100. */
        public static Options of(Norm norm, double... epsilons) {
            return new Options(norm, epsilons, 20, 500, 5, 2, 100, 0L);
        }

        @Override
        public double[] epsilons() {
            return epsilons.clone();
        }
    }

    private final Classifier model;
    private final LabelledDataset data;
    private final Options options;

    public EvaluationDiagnostics(Classifier model, LabelledDataset data, Options options) {
        this.model = model;
        this.data = data;
        this.options = options;
    }

    @Override
    public DiagnosticsReport run(ProgressListener progress, CancellationToken cancellation) {
        Norm norm = options.norm();
        double unbounded = MinimizationRunner.diameter(model, norm);
        double[] user = Arrays.stream(options.epsilons()).filter(e -> e < unbounded).toArray();
        if (user.length == 0) {
            throw new IllegalArgumentException("every epsilon is at least the whole input box (" + unbounded
                    + "); give smaller budgets");
        }
        AttackParams base = AttackParams.defaults().withNorm(norm).withSeed(options.seed());
        AttackParams pgdParams = base.withSteps(options.steps());
        CurveSpec spec = new CurveSpec(List.of(
                new CurveSpec.Entry("fgsm", base.withSteps(1)),
                new CurveSpec.Entry("pgd", pgdParams),
                new CurveSpec.Entry("square", base.withSteps(options.queries()))), user, options.batchSize());
        CurveResult curves = new RobustnessCurve(model, data, spec, p -> { })
                .run(scaled(progress, 0, 0.6, "curves: "), cancellation);
        // The unbounded budget is PGD's alone: single-step attacks legitimately overshoot there.
        CurveResult whole = new RobustnessCurve(model, data, new CurveSpec(List.of(new CurveSpec.Entry("pgd",
                pgdParams)), new double[] {unbounded}, options.batchSize()), p -> { })
                .run(scaled(progress, 0.6, 0.7, "unbounded PGD: "), cancellation);
        AttackCurve pgd = curve(curves, "pgd");
        AttackCurve square = curve(curves, "square");
        double tolerance = Math.max(2.0 / data.size(), 0.005);

        double probe = probeEpsilon(pgd, user, curves.cleanAccuracy());
        CurvePoint strong = null;
        if (!Double.isNaN(probe)) {
            CurveSpec strongSpec = new CurveSpec(List.of(new CurveSpec.Entry("pgd",
                    base.withSteps(Math.min(100_000, options.steps() * options.strongFactor()))
                            .withRestarts(options.strongRestarts()))), new double[] {probe}, options.batchSize());
            CurveResult r = new RobustnessCurve(model, data, strongSpec, p -> { })
                    .run(scaled(progress, 0.7, 1.0, "stronger PGD: "), cancellation);
            strong = at(r.curves().get(0), probe);
        }

        List<DiagnosticCheck> checks = new ArrayList<>();
        List<MaskingFlag> flags = new ArrayList<>(curves.flags());
        whole.flags().stream().filter(f -> f.kind() == MaskingFlag.Kind.DOES_NOT_REACH_CHANCE).forEach(flags::add);
        checks.add(fromFlags(flags, MaskingFlag.Kind.ITERATIVE_WEAKER_THAN_SINGLE_STEP, "iterative-beats-single-step",
                "iterative attack at least as strong as single-step",
                "PGD leaves no more accuracy than FGSM at any budget"));
        checks.add(fromFlags(flags, MaskingFlag.Kind.NOT_MONOTONE, "monotone-in-epsilon",
                "accuracy falls with epsilon", "accuracy never rises with the budget"));
        checks.add(unbounded(flags, curve(whole, "pgd"), unbounded, tolerance));
        checks.add(blackBox(pgd, square, tolerance));
        checks.add(moreSteps(pgd, strong, probe, tolerance));
        checks.add(fromFlags(flags, MaskingFlag.Kind.ZERO_GRADIENTS, "gradients-usable",
                "input gradients neither zero nor NaN", "every sampled input gradient is finite and non-zero"));
        // Classifier.logits is the pre-softmax output for every format AdvLens loads, so a file that ends in a
        // softmax is informational: the attacks never see the saturated probabilities.
        checks.add(DiagnosticCheck.pass("logits-not-softmax", "attacks see logits, not softmax outputs",
                model.info().softmaxOutput() ? "the file ends in a softmax; AdvLens attacks the logits before it"
                        : "the network ends in logits"));
        return new DiagnosticsReport(model.info(), data.name(), data.size(), norm, checks, curves, Instant.now());
    }

    private static DiagnosticCheck fromFlags(List<MaskingFlag> flags, MaskingFlag.Kind kind, String id, String title,
                                             String passMessage) {
        List<String> messages = flags.stream().filter(f -> f.kind() == kind).map(MaskingFlag::message).toList();
        return messages.isEmpty() ? DiagnosticCheck.pass(id, title, passMessage)
                : DiagnosticCheck.warn(id, title, String.join("; ", messages));
    }

    private static DiagnosticCheck unbounded(List<MaskingFlag> flags, AttackCurve pgd, double unbounded,
                                             double tolerance) {
        String id = "unbounded-reaches-zero";
        String title = "an unbounded budget reaches ~0% accuracy";
        List<String> chance = flags.stream().filter(f -> f.kind() == MaskingFlag.Kind.DOES_NOT_REACH_CHANCE
                && f.attack().equals("pgd")).map(MaskingFlag::message).toList();
        if (!chance.isEmpty()) {
            return DiagnosticCheck.warn(id, title, String.join("; ", chance));
        }
        double acc = at(pgd, unbounded).accuracy();
        String m = String.format(Locale.ROOT, "PGD leaves accuracy %.3f at eps=%s, the whole input box", acc,
                fmt(unbounded));
        return acc > tolerance ? DiagnosticCheck.warn(id, title, m + "; it should be ~0")
                : DiagnosticCheck.pass(id, title, m);
    }

    private static DiagnosticCheck blackBox(AttackCurve pgd, AttackCurve square, double tolerance) {
        String id = "black-box-not-stronger";
        String title = "black-box (Square) never beats white-box (PGD)";
        for (CurvePoint s : square.points()) {
            CurvePoint g = at(pgd, s.epsilon());
            if (s.epsilon() > 0 && s.accuracy() < g.accuracy() - tolerance) {
                return DiagnosticCheck.warn(id, title, String.format(Locale.ROOT,
                        "Square leaves accuracy %.3f at eps=%s but PGD leaves %.3f: gradients mislead the white-box "
                                + "attack (masking)", s.accuracy(), fmt(s.epsilon()), g.accuracy()));
            }
        }
        return DiagnosticCheck.pass(id, title, "Square leaves at least PGD's accuracy at every budget");
    }

    private DiagnosticCheck moreSteps(AttackCurve pgd, CurvePoint strong, double probe, double tolerance) {
        String id = "more-steps-change-little";
        String title = "more steps and restarts change little";
        if (strong == null) {
            return DiagnosticCheck.pass(id, title, "PGD already leaves no correct example at the checked budgets");
        }
        double base = at(pgd, probe).accuracy();
        String m = String.format(Locale.ROOT, "at eps=%s PGD-%d leaves %.3f, PGD-%d with %d restarts %.3f",
                fmt(probe), options.steps(), base, options.steps() * options.strongFactor(), options.strongRestarts(),
                strong.accuracy());
        return strong.accuracy() < base - tolerance
                ? DiagnosticCheck.warn(id, title, m + "; the attack has not converged, so use more steps")
                : DiagnosticCheck.pass(id, title, m);
    }

    /** The user budget where PGD's accuracy is closest to half the clean accuracy, or NaN if none is above 0. */
    private static double probeEpsilon(AttackCurve pgd, double[] user, double clean) {
        double best = Double.NaN;
        double gap = Double.POSITIVE_INFINITY;
        for (double e : user) {
            double acc = at(pgd, e).accuracy();
            if (acc > 0 && Math.abs(acc - clean / 2) < gap) {
                gap = Math.abs(acc - clean / 2);
                best = e;
            }
        }
        return best;
    }

    private static AttackCurve curve(CurveResult r, String name) {
        return r.curves().stream().filter(c -> c.attack().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + name + " curve"));
    }

    private static CurvePoint at(AttackCurve c, double eps) {
        return c.points().stream().filter(p -> p.epsilon() == eps).findFirst()
                .orElseThrow(() -> new IllegalStateException(c.attack() + " has no point at eps=" + eps));
    }

    private static ProgressListener scaled(ProgressListener p, double from, double to, String prefix) {
        return (f, m) -> p.onProgress(f < 0 ? f : from + (to - from) * f, prefix + m);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
