package org.advlens.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.compare.ModelAgreement;
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
 * {@code advlens agreement}: how often two models predict the same class on a data set, Cohen's kappa, and the
 * images on which they disagree; optionally as JSON (format in docs/comparison.md).
 */
@Command(name = "agreement", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Agreement of two models' predictions (rate, Cohen's kappa) and the "
                + "images on which they disagree.")
final class AgreementCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "bundled",
            description = "the first model (default: bundled): " + ModelList.HELP)
    String first;

    @Option(names = "--compare", paramLabel = "MODEL", required = true, description = "the second model")
    String second;

    @Mixin
    DataOptions data;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "250", description = "images per batch (default: 250)")
    int batch;

    @Option(names = "--show", paramLabel = "N", defaultValue = "10",
            description = "disagreeing images listed on standard output (default: 10)")
    int show;

    @Option(names = "--json", paramLabel = "FILE", description = "write the result as JSON to this file")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (show < 0) {
            throw new IllegalArgumentException("--show must be at least 0, got " + show);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Classifier> loaded = ModelList.loadAll(List.of(first, second));
        try {
            LabelledDataset set = data.load(loaded.get(0), err);
            ModelAgreement.Result r = Jobs.runNow(new ModelAgreement(loaded.get(0), loaded.get(1), set, batch),
                    new StderrProgress(err, "agreement "));
            print(out, r, loaded.get(0).classNames());
            if (json != null) {
                AtomicFiles.writeString(json, ComparisonJson.agreement(r, set.name(), set.source()));
            }
        } finally {
            ModelList.closeAll(loaded);
        }
        return 0;
    }

    private void print(PrintWriter out, ModelAgreement.Result r, List<String> classes) {
        int[] o = r.outcomes();
        out.printf(Locale.ROOT, "%s (%s) against %s (%s) on %d images%n", r.first().name(), r.first().source(),
                r.second().name(), r.second().source(), r.count());
        out.printf(Locale.ROOT, "accuracy %.4f and %.4f%n", r.firstAccuracy(), r.secondAccuracy());
        out.printf(Locale.ROOT, "agreement %.4f  kappa %.4f  disagreements %d%n", r.agreementRate(), r.kappa(),
                r.count() - r.agreements());
        out.printf(Locale.ROOT, "both correct %d  only first correct %d  only second correct %d  both wrong %d%n",
                o[0], o[1], o[2], o[3]);
        int[] labels = r.labels();
        int[] a = r.firstPredicted();
        int[] b = r.secondPredicted();
        int[] d = r.disagreements();
        for (int k = 0; k < Math.min(show, d.length); k++) {
            int i = d[k];
            out.printf(Locale.ROOT, "image %d: label %s, first %s, second %s%n", i, name(classes, labels[i]),
                    name(classes, a[i]), name(classes, b[i]));
        }
        out.flush();
    }

    private static String name(List<String> classes, int k) {
        return k < classes.size() ? classes.get(k) : String.valueOf(k);
    }
}
