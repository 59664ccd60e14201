package org.advlens.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.advlens.corruption.Corruption;
import org.advlens.corruption.CorruptionOptions;
import org.advlens.corruption.Perturbation;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.CorruptionEvaluation;
import org.advlens.eval.PerturbationEvaluation;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.model.load.ModelLoader;
import org.advlens.provenance.Provenance;
import org.advlens.report.CorruptionJson;
import org.advlens.report.CorruptionPictures;
import org.advlens.report.CounterfactualPictures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens corruptions}: top-1 error under the common corruptions of Hendrycks and Dietterich (2019) per
 * corruption and severity, CE, mCE and relative mCE against a baseline, optionally ImageNet-P style flip
 * probabilities, a heatmap and a gallery; a table, or JSON with {@code --json}.
 */
@Command(name = "corruptions", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Evaluate a model under common corruptions (Hendrycks and Dietterich "
                + "2019): error per corruption and severity, mCE and relative mCE; a table, or JSON with --json.")
final class CorruptionsCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Mixin
    DataOptions data;

    @Option(names = "--corruptions", paramLabel = "LIST", defaultValue = "all",
            description = "all (19), benchmark (the 15 of ImageNet-C), extra (the other 4), or names separated by "
                    + "commas (default: all)")
    String corruptions;

    @Option(names = "--severities", paramLabel = "S", defaultValue = "1-5",
            description = "severities as a range or list, such as 1-5 or 1,3,5 (default: 1-5)")
    String severities;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "seed of the corruptions' random "
            + "draws (default: 0)")
    long seed;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "baseline model for CE and relative mCE, evaluated on the same corrupted images: a model "
                    + "file, or 'robust' / 'standard' for a bundled model (default: the model itself at severity 0)")
    String baseline;

    @Option(names = "--spatial-scale", paramLabel = "F",
            description = "factor on the 224-pixel reference's lengths (default: sqrt(min side / 224))")
    Double spatialScale;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "250", description = "images per batch (default: 250)")
    int batch;

    @Option(names = "--perturbations", paramLabel = "LIST",
            description = "also run ImageNet-P style sequences: all, or names from gaussian_noise, gaussian_blur, "
                    + "translation, rotation, brightness, scale")
    String perturbations;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "31",
            description = "frames per perturbation sequence (default: 31, as ImageNet-P)")
    int frames;

    @Option(names = "--heatmap", paramLabel = "PNG", description = "write the error heatmap here")
    Path heatmap;

    @Option(names = "--gallery", paramLabel = "PNG",
            description = "write one image under every corruption and severity, with predictions, here")
    Path gallery;

    @Option(names = "--gallery-index", paramLabel = "I", defaultValue = "0",
            description = "the data set's image shown in the gallery (default: 0)")
    int galleryIndex;

    @Option(names = "--json", description = "print JSON (docs/corruptions.md) instead of a table")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Corruption> list = Corruption.parse(corruptions);
        int[] sev = parseSeverities(severities);
        List<Perturbation> perts = perturbations == null || perturbations.equalsIgnoreCase("none") ? List.of()
                : Perturbation.parse(perturbations);
        double scale = spatialScale == null ? Double.NaN : spatialScale;
        CorruptionEvaluation.Options options = new CorruptionEvaluation.Options(list, sev, seed, batch, scale);
        long start = System.nanoTime();
        try (Classifier classifier = model.load(); Classifier base = loadBaseline()) {
            LabelledDataset set = data.load(classifier, spec.commandLine().getErr());
            CorruptionEvaluation.Result r = Jobs.runNow(new CorruptionEvaluation(classifier, base, set, options),
                    new StderrProgress(spec.commandLine().getErr(), "corruptions "));
            PerturbationEvaluation.Result p = perts.isEmpty() ? null : Jobs.runNow(new PerturbationEvaluation(
                    classifier, base, set, new PerturbationEvaluation.Options(perts, frames, seed, scale)),
                    new StderrProgress(spec.commandLine().getErr(), "perturbations "));
            if (heatmap != null) {
                CounterfactualPictures.writePng(CorruptionPictures.heatmap(r), heatmap);
            }
            if (gallery != null) {
                if (galleryIndex < 0 || galleryIndex >= set.size()) {
                    throw new IllegalArgumentException("--gallery-index " + galleryIndex + " is outside [0, "
                            + set.size() + ")");
                }
                CorruptionOptions co = CorruptionOptions.forInput(classifier.inputSpec(), r.spatialScale());
                CounterfactualPictures.writePng(CorruptionPictures.gallery(classifier,
                        set.images().image(galleryIndex), list, sev, seed, co, 3), gallery);
            }
            if (json) {
                ObjectNode root = CorruptionJson.write(r);
                root.set("model", Json.model(classifier.info()));
                if (base != null) {
                    root.set("baseline", Json.model(base.info()));
                }
                root.set("data", Json.data(set));
                if (p != null) {
                    root.set("perturbations", CorruptionJson.write(p));
                }
                root.put("seconds", Math.round((System.nanoTime() - start) / 1e6) / 1000.0);
                root.put("advlens_version", Provenance.version());
                root.set("provenance", Json.provenance());
                spec.commandLine().getOut().println(Json.write(root));
            } else {
                spec.commandLine().getOut().print(table(r, p));
            }
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private Classifier loadBaseline() throws Exception {
        if (baseline == null) {
            return null;
        }
        return switch (baseline.toLowerCase(Locale.ROOT)) {
            case "robust" -> ModelLoader.bundledRobust();
            case "standard", "bundled" -> ModelLoader.bundledDefault();
            default -> ModelLoader.load(CliFiles.requireFile(Path.of(baseline), "baseline model"));
        };
    }

    /** "1-5", "2", "1,3,5" or "1-2,5". */
    static int[] parseSeverities(String text) {
        List<Integer> out = new ArrayList<>();
        try {
            for (String part : text.split(",")) {
                String p = part.trim();
                int dash = p.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).trim());
                for (int s = from; s <= to; s++) {
                    out.add(s);
                }
                if (to < from) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--severities must be a range or list of 1 to 5, such as 1-5 or "
                    + "1,3,5; got '" + text + "'");
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String table(CorruptionEvaluation.Result r, PerturbationEvaluation.Result p) {
        StringBuilder b = new StringBuilder();
        int[] sev = r.options().severities();
        b.append(String.format(Locale.ROOT, "%-18s", "corruption"));
        for (int s : sev) {
            b.append(String.format(Locale.ROOT, "  sev %d", s));
        }
        b.append("   mean     CE  rel CE\n");
        for (CorruptionEvaluation.Row row : r.rows()) {
            b.append(String.format(Locale.ROOT, "%-18s", row.corruption().id()));
            for (double e : row.errors()) {
                b.append(String.format(Locale.ROOT, "  %.3f", e));
            }
            b.append(String.format(Locale.ROOT, "  %.3f  %s  %s%n", row.meanError(), fmt(row.corruptionError()),
                    fmt(row.relativeCorruptionError())));
        }
        b.append(String.format(Locale.ROOT, "clean error %.3f; baseline %s (clean error %.3f)%n", r.cleanError(),
                r.hasBaselineModel() ? r.baselineName() : "the model at severity 0", r.baselineCleanError()));
        b.append(String.format(Locale.ROOT, "mCE %s, relative mCE %s (ImageNet-C 15); extra 4: %s, %s%n",
                fmt(r.meanCorruptionError()), fmt(r.relativeMeanCorruptionError()),
                fmt(r.extraMeanCorruptionError()), fmt(r.extraRelativeMeanCorruptionError())));
        if (p != null) {
            for (PerturbationEvaluation.Row row : p.rows()) {
                b.append(String.format(Locale.ROOT, "%-18s flip probability %.4f  flip rate %s%n",
                        row.perturbation().id(), row.flipProbability(), fmt(row.flipRate())));
            }
            b.append(String.format(Locale.ROOT, "mean flip probability %.4f, mFR %s%n", p.meanFlipProbability(),
                    fmt(p.meanFlipRate())));
        }
        return b.toString();
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%5.3f", v) : "    -";
    }
}
