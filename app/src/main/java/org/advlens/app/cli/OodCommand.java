package org.advlens.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.advlens.data.Datasets;
import org.advlens.data.FashionMnist;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.ood.BuiltInOodSet;
import org.advlens.eval.ood.DetectionMetrics;
import org.advlens.eval.ood.Odin;
import org.advlens.eval.ood.OodEvaluation;
import org.advlens.eval.ood.OodImages;
import org.advlens.eval.ood.OodScore;
import org.advlens.io.AtomicFiles;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.report.RobustnessResultJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens ood}: out-of-distribution detection. Scores the in-distribution data and each OOD set with the chosen
 * scores and prints AUROC, AUPR and FPR at 95% TPR, with ROC curves and score histograms, as JSON (format in
 * docs/ood.md); a summary table goes to standard error.
 */
@Command(name = "ood", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Measure how well a model's scores tell in-distribution images from "
                + "out-of-distribution ones (AUROC, AUPR, FPR at 95% TPR); JSON on standard output.")
final class OodCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Mixin
    DataOptions data;

    @Option(names = "--ood", paramLabel = "SET,...", split = ",", defaultValue = "uniform,gaussian,inverted,flipped",
            description = "OOD sets: uniform, gaussian, inverted, flipped (built in, made from --data), or the path of "
                    + "an IDX image file, an image file or a folder of images (default: all four built-in sets)")
    List<String> ood;

    @Option(names = "--held-out-classes", paramLabel = "C,...", split = ",",
            description = "for a model trained without these classes (advlens train --exclude-classes): their images"
                    + " in --data become one more OOD set, 'held-out', and are left out of the in-distribution images"
                    + " and of Mahalanobis' fitting images")
    List<Integer> heldOut;

    @Option(names = "--ood-resize", description = "convert and resize OOD images whose shape is not the model's "
            + "(default: refuse them)")
    boolean oodResize;

    @Option(names = "--scores", paramLabel = "S,...", split = ",", defaultValue = "msp,maxlogit,energy,odin,mahalanobis",
            description = "scores: msp, maxlogit, energy, odin, mahalanobis (default: all)")
    List<String> scores;

    @Option(names = "--energy-temperature", paramLabel = "T", defaultValue = "1",
            description = "the energy score's temperature (default: 1)")
    double energyTemperature;

    @Option(names = "--odin-temperature", paramLabel = "T", defaultValue = "1000",
            description = "ODIN's temperature (default: 1000)")
    double odinTemperature;

    @Option(names = "--odin-epsilon", paramLabel = "E", defaultValue = "0.0014",
            description = "ODIN's perturbation in pixel units (default: 0.0014)")
    double odinEpsilon;

    @Option(names = "--layer", paramLabel = "NAME",
            description = "the Mahalanobis score's layer: a DL4J layer's index or name, or an image-shaped layer of the "
                    + "gradient engine (default: the penultimate layer)")
    String layer;

    @Option(names = "--ridge", paramLabel = "R", defaultValue = "1e-6",
            description = "relative ridge added to the Mahalanobis covariance (default: 1e-6 of the mean variance)")
    double ridge;

    @Option(names = "--fit-data", paramLabel = "PATH",
            description = "labelled in-distribution training images for the Mahalanobis score: an IDX image file or a "
                    + "class folder (default: Debian's Fashion-MNIST training set)")
    Path fitData;

    @Option(names = "--fit-limit", paramLabel = "N", defaultValue = "5000",
            description = "fit the Mahalanobis score on the first N of them (default: 5000)")
    int fitLimit;

    @Option(names = "--bins", paramLabel = "N", defaultValue = "30",
            description = "score histogram bins (default: 30)")
    int bins;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "250", description = "images per batch (default: 250)")
    int batch;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "noise seed (default: 0)")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the JSON to this file")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<OodScore> chosen = scores.stream().map(OodScore::byId).toList();
        OodEvaluation.Options options = new OodEvaluation.Options(chosen, energyTemperature,
                new Odin.Options(odinTemperature, odinEpsilon), layer, ridge, batch, bins);
        if (fitLimit < 1) {
            throw new IllegalArgumentException("--fit-limit must be positive, got " + fitLimit);
        }
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        try (Classifier classifier = model.load()) {
            LabelledDataset in = data.load(classifier, err);
            List<OodEvaluation.OodSet> sets = new ArrayList<>();
            List<String> descriptions = new ArrayList<>();
            if (heldOut != null && !heldOut.isEmpty()) {
                for (int c : heldOut) {
                    if (c < 0 || c >= classifier.numClasses()) {
                        throw new IllegalArgumentException("--held-out-classes: class " + c + " is not one of the"
                                + " model's classes 0 to " + (classifier.numClasses() - 1));
                    }
                }
                LabelledDataset held = in.selectClasses(heldOut, true, in.name() + " classes " + heldOut);
                in = in.selectClasses(heldOut, false, in.name() + " without classes " + heldOut);
                if (held.size() == 0 || in.size() == 0) {
                    throw new IllegalArgumentException("--held-out-classes " + heldOut + " leaves " + held.size()
                            + " held-out and " + in.size() + " in-distribution images; both need some");
                }
                sets.add(new OodEvaluation.OodSet("held-out", in.source(), held.images()));
                descriptions.add("the images of classes " + heldOut + ", which the model was trained without");
            }
            for (String id : ood) {
                Optional<BuiltInOodSet> builtIn = BuiltInOodSet.byId(id.strip());
                if (builtIn.isPresent()) {
                    sets.add(new OodEvaluation.OodSet(builtIn.get().id(), "built-in from " + in.name(),
                            builtIn.get().make(in.images(), classifier.inputSpec(), seed)));
                    descriptions.add(builtIn.get().description());
                } else {
                    Path path = Path.of(id.strip());
                    if (!Files.exists(path)) {
                        throw new IllegalArgumentException("--ood: '" + id + "' is neither a built-in set (uniform, "
                                + "gaussian, inverted, flipped) nor an existing file or folder");
                    }
                    sets.add(new OodEvaluation.OodSet(path.getFileName().toString(), path.toString(),
                            OodImages.load(path, classifier.inputSpec(), oodResize)));
                    descriptions.add(oodResize ? "images from a file, fitted to the model's input" : "images from a file");
                }
            }
            LabelledDataset fit = chosen.contains(OodScore.MAHALANOBIS) ? fitData(classifier) : null;
            OodEvaluation.Result r = Jobs.runNow(new OodEvaluation(classifier, in, sets, fit, options),
                    new StderrProgress(err, "ood "));
            ObjectNode root = toJson(classifier, in, fit, sets, descriptions, r);
            root.put("seconds", (System.nanoTime() - start) / 1e9);
            root.set("provenance", Json.provenance());
            String text = Json.write(root);
            if (json != null) {
                AtomicFiles.writeString(json, text);
            }
            summary(err, r);
            spec.commandLine().getOut().println(text);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private LabelledDataset fitData(Classifier classifier) throws java.io.IOException {
        LabelledDataset set;
        if (fitData == null) {
            if (!Files.isDirectory(FashionMnist.DEBIAN_DIR)) {
                throw new IllegalArgumentException("the Mahalanobis score needs labelled training images: give "
                        + "--fit-data, install Debian's dataset-fashion-mnist, or leave mahalanobis out of --scores");
            }
            set = Datasets.fit(FashionMnist.train(FashionMnist.DEBIAN_DIR), classifier.inputSpec());
        } else {
            CliFiles.requireExisting(fitData, "fit data");
            set = Datasets.load(fitData, null, classifier.inputSpec());
        }
        set = set.limit(fitLimit);
        return heldOut == null || heldOut.isEmpty() ? set
                : set.selectClasses(heldOut, false, set.name() + " without classes " + heldOut);
    }

    private ObjectNode toJson(Classifier classifier, LabelledDataset in, LabelledDataset fit,
                              List<OodEvaluation.OodSet> sets, List<String> descriptions, OodEvaluation.Result r) {
        ObjectNode root = Json.object();
        root.put("format_version", 1);
        root.set("model", Json.model(classifier.info()));
        root.set("data", Json.data(in));
        root.put("in_accuracy", r.inAccuracy());
        ObjectNode s = root.putObject("settings");
        ArrayNode names = s.putArray("scores");
        r.options().scores().forEach(o -> names.add(o.id()));
        s.put("energy_temperature", r.options().energyTemperature());
        s.put("odin_temperature", r.options().odin().temperature());
        s.put("odin_epsilon", r.options().odin().epsilon());
        if (fit != null) {
            ObjectNode m = s.putObject("mahalanobis");
            m.put("layer", r.featureLayer());
            m.put("ridge", r.options().ridge());
            m.set("fit_data", Json.data(fit));
        }
        s.put("histogram_bins", r.options().histogramBins());
        s.put("seed", seed);
        ArrayNode setsNode = root.putArray("ood_sets");
        for (int i = 0; i < sets.size(); i++) {
            ObjectNode o = setsNode.addObject();
            o.put("name", sets.get(i).name());
            o.put("source", sets.get(i).source());
            o.put("size", sets.get(i).images().count());
            o.put("description", descriptions.get(i));
        }
        root.set("results", RobustnessResultJson.oodResults(r.entries()));
        return root;
    }

    /** AUROC / FPR95 per score (rows) and set (columns), on standard error. */
    private static void summary(PrintWriter err, OodEvaluation.Result r) {
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-12s", "AUROC/FPR95"));
        r.sets().keySet().forEach(name -> head.append(String.format(Locale.ROOT, " %15s", name)));
        err.println(head);
        for (OodScore score : r.options().scores()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-12s", score.id()));
            for (String name : r.sets().keySet()) {
                DetectionMetrics m = r.entry(score, name).metrics();
                row.append(String.format(Locale.ROOT, " %7.3f / %5.3f", m.auroc(), m.fprAt95Tpr()));
            }
            err.println(row);
        }
        err.flush();
    }
}
