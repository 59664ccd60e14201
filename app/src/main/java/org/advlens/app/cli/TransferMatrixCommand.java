package org.advlens.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.compare.TransferMatrix;
import org.advlens.io.AtomicFiles;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.report.ComparisonJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens transfer-matrix}: adversarial examples crafted on each of N models and classified by each; prints
 * the matrix of accuracies (rows: the model attacked, columns: the model evaluated) and optionally writes the JSON
 * (format in docs/comparison.md).
 */
@Command(name = "transfer-matrix", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Transfer matrix: the same attack crafted on each model, every model's "
                + "accuracy on every model's adversarial examples.")
final class TransferMatrixCommand implements Callable<Integer> {

    @Option(names = "--models", paramLabel = "MODEL", split = ",", required = true,
            description = "two or more models, comma-separated: " + ModelList.HELP)
    List<String> models;

    @Mixin
    DataOptions data;

    @Option(names = "--attack", paramLabel = "NAME", defaultValue = "pgd",
            description = "fixed-epsilon attack run on each model (default: pgd)")
    String attack;

    @Option(names = "--eps", paramLabel = "EPS", defaultValue = "0.1", description = "budget (default: 0.1)")
    double epsilon;

    @Mixin
    AttackOptions options;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "100", description = "images per batch (default: 100)")
    int batch;

    @Option(names = "--json", paramLabel = "FILE", description = "write the matrix as JSON to this file")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FixedEpsilonAttack a = options.attack(attack);
        options.validate();
        if (models.size() < 2) {
            throw new IllegalArgumentException("--models needs at least two models, got " + models.size());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Classifier> loaded = ModelList.loadAll(models);
        try {
            LabelledDataset set = data.load(loaded.get(0), err);
            TransferMatrix.Options o = new TransferMatrix.Options(a,
                    options.params(a, loaded.get(0).classNames()), epsilon, batch);
            long start = System.nanoTime();
            TransferMatrix.Result r = Jobs.runNow(new TransferMatrix(loaded, set, o),
                    new StderrProgress(err, "transfer-matrix "));
            double seconds = (System.nanoTime() - start) / 1e9;
            print(out, r, seconds);
            if (json != null) {
                AtomicFiles.writeString(json, ComparisonJson.transferMatrix(r, set.name(), set.source()));
            }
        } finally {
            ModelList.closeAll(loaded);
        }
        return 0;
    }

    private static void print(PrintWriter out, TransferMatrix.Result r, double seconds) {
        out.printf(Locale.ROOT, "%s at eps %s on %d images (%.1f s); rows: crafted on, columns: evaluated on%n",
                r.attack(), r.epsilon(), r.count(), seconds);
        for (int i = 0; i < r.size(); i++) {
            out.printf(Locale.ROOT, "[%d] %s (%s)  clean accuracy %.4f%n", i, r.models().get(i).name(),
                    r.models().get(i).source(), r.cleanAccuracy(i));
        }
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-8s", "from\\to"));
        for (int t = 0; t < r.size(); t++) {
            head.append(String.format(Locale.ROOT, "%9s", "[" + t + "]"));
        }
        out.println(head);
        for (int s = 0; s < r.size(); s++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-8s", "[" + s + "]"));
            for (int t = 0; t < r.size(); t++) {
                row.append(String.format(Locale.ROOT, "%9.4f", r.accuracy(s, t)));
            }
            out.println(row);
        }
        out.flush();
    }
}
