package org.advlens.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.advlens.app.usecase.AttackImage;
import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackParams;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.MinimizationAttack;
import org.advlens.attack.MinimizationOutcome;
import org.advlens.attack.MinimizationParams;
import org.advlens.attack.MinimizationRunner;
import org.advlens.attack.Norm;
import org.advlens.attack.catalog.Attacks;
import org.advlens.attack.catalog.MinimizationAttacks;
import org.advlens.attack.minimization.MinimumEpsilonSearch;
import org.advlens.data.Datasets;
import org.advlens.data.ImageFiles;
import org.advlens.data.Images;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.report.AttackJson;
import org.advlens.report.AttackRecord;
import org.advlens.report.PerturbationImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens attack}: one attack on one image, a fixed-budget attack at {@code --eps} or a minimum-norm attack
 * (C&W, DeepFool, JSMA, L-BFGS, or {@code min-NAME}, a bisection on epsilon over a fixed-budget attack) that finds
 * the smallest perturbation it can, as in the Attack view. Prints a one-line summary; with {@code --out} also
 * writes {@code adversarial.png}, {@code perturbation.png} (the change amplified so its largest value reaches the
 * edge of the range, mid-grey for no change) and {@code attack.json}.
 */
@Command(name = "attack", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Attack one image and save the adversarial image, the perturbation and "
                + "attack.json.")
final class AttackCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Option(names = "--image", paramLabel = "FILE",
            description = "PNG (or JPEG, BMP, GIF) image to attack (default: the first bundled sample)")
    Path image;

    @Option(names = "--label", paramLabel = "CLASS",
            description = "true class (index or name); default: the model's prediction on the clean image")
    String label;

    @Option(names = "--attack", paramLabel = "NAME", defaultValue = "pgd",
            completionCandidates = AttackNames.WithMinimumNorm.class,
            description = "one of ${COMPLETION-CANDIDATES} (default: pgd)")
    String attack;

    @Option(names = "--eps", paramLabel = "EPS", defaultValue = "0.1",
            description = "perturbation budget of a fixed-budget attack, in the model's pixel units (default: 0.1); "
                    + "minimum-norm attacks find their own")
    double eps;

    @Mixin
    AttackOptions options;

    @Mixin
    MinimizationOptions minimization;

    @Option(names = "--out", paramLabel = "DIR",
            description = "folder for adversarial.png, perturbation.png and attack.json (default: print only)")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean minimumNorm = !Attacks.names().contains(attack.trim().toLowerCase(Locale.ROOT));
        MinimizationAttack minimizing = minimumNorm ? minimizationAttack() : null;
        FixedEpsilonAttack fixed = minimumNorm ? null : options.attack(attack);
        options.validate();
        if (minimumNorm) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--eps")) {
                throw new IllegalArgumentException("--eps does not apply to the minimum-norm attack '" + attack
                        + "': it searches for the smallest perturbation itself");
            }
            if (options.stepSize != null || options.restarts != null || options.anyOwnGiven()) {
                throw new IllegalArgumentException("--step-size, --restarts and --p-init apply to fixed-budget "
                        + "attacks only, not to the minimum-norm attack '" + attack + "'");
            }
        } else {
            if (minimization.anyGiven()) {
                throw new IllegalArgumentException("--search-steps, --lr, --const, --confidence, --overshoot, "
                        + "--gamma, --candidates, --spherical-step, --source-step, --step-adaptation and "
                        + "--init-draws apply to minimum-norm attacks only, not to '" + attack + "'");
            }
            if (!(eps >= 0) || !Double.isFinite(eps)) {
                throw new IllegalArgumentException("--eps must be finite and >= 0, got " + eps);
            }
        }
        if (image != null) {
            CliFiles.requireFile(image, "image");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        try (Classifier classifier = model.load()) {
            InputSpec input = classifier.inputSpec();
            String source;
            Images clean;
            if (image != null) {
                clean = ImageFiles.read(image, input);
                source = image.toString();
            } else {
                Datasets.Sample sample = Datasets.bundledSamples(input).get(0);
                clean = sample.image();
                source = "bundled sample " + sample.file();
            }
            List<String> classes = classifier.classNames();
            int trueClass = label == null ? AttackImage.Request.FROM_PREDICTION
                    : ClassNames.resolve(label, classes, "--label");
            AttackImage.Budget budget = minimumNorm
                    ? new AttackImage.MinimumNorm(minimizing, minimizationParams(minimizing, classes))
                    : new AttackImage.FixedBudget(fixed, eps, options.params(fixed, classes));
            AttackImage.Result attacked = Jobs.runNow(new AttackImage(
                    new AttackImage.Request(classifier, clean, trueClass, budget)));
            AttackOutcome outcome = attacked.outcome();
            PerturbationImage visible = attacked.amplified();
            AttackRecord record = AttackRecord.of(classifier.info(), source, outcome, 0, attacked.labelFromPrediction(),
                    attacked.before(), attacked.after(), visible.amplification());
            if (attacked.minimumNorm()) {
                record = record.withMinimalDistance(attacked.distanceMeasure(), attacked.minimalDistance());
            }
            record = record.withOptions(minimumNorm ? minimizing.parameters() : fixed.parameters());
            if (out != null) {
                Path dir = CliFiles.outputFolder(out);
                ImageFiles.writePng(outcome.adversarial(), 0, input.lower(), input.upper(),
                        dir.resolve("adversarial.png"));
                ImageFiles.writePng(visible.image(), 0, input.lower(), input.upper(), dir.resolve("perturbation.png"));
                AttackJson.write(record, dir.resolve("attack.json"));
            }
            stdout.println(summary(record));
            if (out != null) {
                stdout.println("wrote " + out.resolve("adversarial.png") + ", " + out.resolve("perturbation.png")
                        + " (x" + String.format(Locale.ROOT, "%.1f", visible.amplification()) + "), "
                        + out.resolve("attack.json"));
            }
            stdout.flush();
        }
        return 0;
    }

    private MinimizationAttack minimizationAttack() {
        String key = attack.trim().toLowerCase(Locale.ROOT);
        try {
            MinimizationAttacks.byName(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown attack '" + attack + "': expected a fixed-budget attack "
                    + Attacks.names() + " or a minimum-norm attack " + MinimizationAttacks.names(), e);
        }
        return minimization.attack(key, options.steps);
    }

    private MinimizationParams minimizationParams(MinimizationAttack a, List<String> classNames) {
        MinimizationParams p = a.defaults();
        if (options.norm != null) {
            p = p.withNorm(Norm.parse(options.norm));
        }
        if (options.target != null) {
            p = p.withTarget(ClassNames.resolve(options.target, classNames, "--target"));
        }
        if (options.seed != null) {
            p = p.withSeed(options.seed);
        }
        return p;
    }

    static String summary(AttackRecord r) {
        List<String> names = r.model().classNames();
        String target = r.params().targeted() ? " -> target " + names.get(r.params().targetClass()) : "";
        String budget = r.minimumNorm() ? "minimal " + r.distanceMeasure() + "="
                + String.format(Locale.ROOT, "%.4f", r.minimalDistance()) : "eps=" + r.epsilon();
        return String.format(Locale.ROOT,
                "%s %s %s%s: %s (%.3f) -> %s (%.3f), %s; linf=%.4f l2=%.4f l0=%d",
                r.attack(), r.params().norm().label(), budget, target,
                names.get(r.before().predicted()), r.before().confidence(),
                names.get(r.after().predicted()), r.after().confidence(),
                r.success() ? "success" : "failed", r.linf(), r.l2(), Math.round(r.l0()));
    }
}
