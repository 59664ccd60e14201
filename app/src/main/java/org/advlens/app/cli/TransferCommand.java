package org.advlens.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackParams;
import org.advlens.attack.AttackRunner;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.blackbox.SubstituteModelTraining;
import org.advlens.attack.blackbox.TransferAttack;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.Prediction;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens transfer}: craft adversarial examples on a surrogate model and measure how well they transfer to
 * the target model. Prints, per budget, the accuracy the attack leaves on the surrogate (white-box) and on the
 * target (transfer).
 */
@Command(name = "transfer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Transfer attack: adversarial examples crafted on a surrogate model, "
                + "evaluated on the target model.")
final class TransferCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Option(names = "--surrogate", paramLabel = "FILE",
            description = "DL4J model zip or Keras .h5 file the attack runs on (or --substitute)")
    Path surrogate;

    @Option(names = "--substitute", description = "train the surrogate from the target's labels only "
            + "(Papernot et al. 2017) on the first --seed-images images; the attack runs on the others")
    boolean substitute;

    @Option(names = "--seed-images", paramLabel = "N", defaultValue = "150",
            description = "substitute seed set size (default: 150)")
    int seedImages;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "4",
            description = "substitute rounds; the set doubles between rounds (default: 4)")
    int rounds;

    @Mixin
    DataOptions data;

    @Option(names = "--attack", paramLabel = "NAME", defaultValue = "pgd",
            description = "fixed-epsilon attack run on the surrogate (default: pgd)")
    String attack;

    @Option(names = "--eps", paramLabel = "EPS", split = ",", defaultValue = "0.05,0.1,0.2",
            description = "budgets, comma-separated (default: 0.05,0.1,0.2)")
    List<Double> epsilons;

    @Mixin
    AttackOptions options;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "100", description = "images per batch (default: 100)")
    int batch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FixedEpsilonAttack inner = options.attack(attack);
        options.validate();
        if (substitute == (surrogate != null)) {
            throw new IllegalArgumentException("give either --surrogate FILE or --substitute");
        }
        if (!substitute) {
            CliFiles.requireFile(surrogate, "surrogate model");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be positive, got " + batch);
        }
        double[] eps = epsilons.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        try (Classifier target = model.load(); Classifier loaded = substitute ? null : ModelLoader.load(surrogate)) {
            LabelledDataset set = data.load(target, stderr);
            Classifier source = loaded;
            if (substitute) {
                if (seedImages < 1 || seedImages >= set.size()) {
                    throw new IllegalArgumentException("--seed-images must be in [1, " + (set.size() - 1) + "], got "
                            + seedImages);
                }
                Images rest = set.images().slice(seedImages, set.size());
                SubstituteModelTraining.Result trained = new SubstituteModelTraining(target,
                        set.images().slice(0, seedImages), rest,
                        SubstituteModelTraining.Options.defaults().withRounds(rounds))
                        .run(new StderrProgress(stderr, "substitute "), CancellationToken.create());
                for (SubstituteModelTraining.Round r : trained.rounds()) {
                    stdout.printf(Locale.ROOT, "round %d: %d images, %d oracle queries, agreement %.4f%n", r.round(),
                            r.trainingSize(), r.oracleQueries(), r.agreement());
                }
                source = trained.substitute();
                set = set.slice(seedImages, set.size(), set.name());
            }
            AttackParams params = options.params(inner, target.classNames());
            FixedEpsilonAttack transfer = new TransferAttack(source, inner);
            int n = set.size();
            int[] surrogateCorrect = new int[eps.length];
            int[] targetCorrect = new int[eps.length];
            StderrProgress progress = new StderrProgress(stderr, "transfer ");
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(n, from + batch);
                Images x = set.images().slice(from, to);
                int[] labels = java.util.Arrays.copyOfRange(set.labels(), from, to);
                List<AttackOutcome> onTarget = AttackRunner.run(transfer, target, x, labels, eps, params,
                        CancellationToken.create());
                for (int e = 0; e < eps.length; e++) {
                    AttackOutcome o = onTarget.get(e);
                    Prediction[] onSurrogate = Prediction.of(source, o.adversarial());
                    for (int i = 0; i < labels.length; i++) {
                        targetCorrect[e] += o.predictions()[i] == labels[i] ? 1 : 0;
                        surrogateCorrect[e] += onSurrogate[i].predicted() == labels[i] ? 1 : 0;
                    }
                }
                progress.onProgress((double) to / n, to + "/" + n + " images");
            }
            stdout.printf(Locale.ROOT, "%s from %s to %s on %d images%n", inner.name(), source.info().name(),
                    target.info().name(), n);
            for (int e = 0; e < eps.length; e++) {
                stdout.printf(Locale.ROOT, "eps=%-6s surrogate_accuracy=%.4f target_accuracy=%.4f%n", eps[e],
                        (double) surrogateCorrect[e] / n, (double) targetCorrect[e] / n);
            }
            stdout.flush();
            if (substitute) {
                source.close();
            }
        }
        return 0;
    }
}
