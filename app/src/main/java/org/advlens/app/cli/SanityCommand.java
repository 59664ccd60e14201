package org.advlens.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.advlens.app.common.charts.SimilarityChartFactory;
import org.advlens.app.usecase.CheckSaliencySanity;
import org.advlens.data.FashionMnist;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.provenance.Provenance;
import org.advlens.report.SaliencyJson;
import org.advlens.report.SaliencyPictures;
import org.advlens.saliency.SaliencyMethod;
import org.advlens.saliency.Target;
import org.advlens.saliency.method.SaliencyMethods;
import org.advlens.saliency.sanity.DataRandomizationCheck;
import org.advlens.saliency.sanity.DataRandomizationResult;
import org.advlens.saliency.sanity.ParameterRandomizationCheck;
import org.advlens.saliency.sanity.Randomization;
import org.advlens.saliency.sanity.SanityCheckResult;
import org.advlens.saliency.similarity.SimilarityMetric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens sanity}: the saliency sanity checks of Adebayo et al. (2018). The model parameter randomization
 * test (cascading or independent) writes {@code sanity-<mode>.json} and {@code .csv} (similarity with the
 * original map per method and step, mean and standard deviation over images), one curve chart per metric
 * ({@code sanity-<mode>-<metric>.png}) and a grid of maps per image ({@code sanity-<mode>-grid-<i>.png}). With
 * {@code --data-randomization} it also trains the bundled architecture on permuted labels and writes the same
 * files under {@code data-randomization*}. Prints a summary table of the rank correlations.
 */
@Command(name = "sanity", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Saliency sanity checks (Adebayo et al. 2018): randomise the model's "
                + "layers and compare every method's maps with the original ones.")
final class SanityCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Mixin
    DataOptions data;

    @Option(names = "--images", paramLabel = "N", defaultValue = "16",
            description = "number of images (the first of --data) whose maps are compared (default: 16)")
    int images;

    @Mixin
    SaliencyCommand.MethodOptions methods;

    @Mixin
    SaliencyCommand.TargetOption target;

    @Option(names = "--randomization", paramLabel = "MODE", defaultValue = "cascading",
            description = "cascading (output layer first, one more layer per step) or independent (one layer at a "
                    + "time) (default: cascading)")
    String randomization;

    @Option(names = "--max-layers", paramLabel = "N", defaultValue = "0",
            description = "randomise at most the top N layers with parameters (default: all)")
    int maxLayers;

    @Option(names = "--grid-images", paramLabel = "N", defaultValue = "4",
            description = "write the grid of maps for the first N images (default: 4)")
    int gridImages;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "3",
            description = "grid pixels per map pixel (default: 3)")
    int scale;

    @Option(names = "--data-randomization",
            description = "also run the data randomization test: train the bundled architecture on permuted labels "
                    + "(takes minutes)")
    boolean dataRandomization;

    @Option(names = "--train-data", paramLabel = "DIR",
            description = "Fashion-MNIST IDX folder for --data-randomization (default: "
                    + "/usr/share/datasets/fashion-mnist)")
    Path trainData;

    @Option(names = "--train-images", paramLabel = "N", defaultValue = "2000",
            description = "--data-randomization: training images to memorise (default: 2000)")
    int trainImages;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "40",
            description = "--data-randomization: training epochs (default: 40)")
    int epochs;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "folder for the results")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Randomization mode = Randomization.parse(randomization);
        if (mode == Randomization.PERMUTED_LABELS) {
            throw new IllegalArgumentException("--randomization is cascading or independent; use "
                    + "--data-randomization for permuted labels");
        }
        if (images < 1 || gridImages < 0 || maxLayers < 0) {
            throw new IllegalArgumentException("--images must be positive and --grid-images, --max-layers >= 0, got "
                    + images + ", " + gridImages + ", " + maxLayers);
        }
        if (scale < 1 || scale > 64) {
            throw new IllegalArgumentException("--scale must be in [1, 64], got " + scale);
        }
        long start = System.nanoTime();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Classifier classifier = model.load()) {
            List<SaliencyMethod> chosen = methods.build(classifier, SaliencyMethods.names());
            LabelledDataset set = data.load(classifier, err).limit(images);
            Target which = target.choose(classifier, set.labels());
            Path dir = CliFiles.outputFolder(out);
            ObjectNode root = Json.object();
            root.set("model", Json.model(classifier.info()));

            SanityCheckResult result = Jobs.runNow(new CheckSaliencySanity(new CheckSaliencySanity.Request(classifier,
                    set, which, chosen, new CheckSaliencySanity.ParameterRandomization(
                            new ParameterRandomizationCheck.Options(mode, methods.seed, maxLayers)))),
                    new StderrProgress(err, "sanity ")).comparison();
            root.set(mode.label(), write(result, "sanity-" + mode.label(), set, classifier.inputSpec(), dir));
            stdout.println(table(result));

            if (dataRandomization) {
                Path trainDir = trainData == null ? FashionMnist.DEBIAN_DIR : trainData;
                if (!Files.isDirectory(trainDir)) {
                    throw new IllegalArgumentException("Fashion-MNIST not found in " + trainDir + "; install the "
                            + "Debian package dataset-fashion-mnist or give --train-data DIR");
                }
                LabelledDataset train = FashionMnist.train(trainDir);
                DataRandomizationResult d = Jobs.runNow(new CheckSaliencySanity(new CheckSaliencySanity.Request(
                        classifier, set, which, chosen, new CheckSaliencySanity.DataRandomization(train,
                                new DataRandomizationCheck.Options(trainImages, epochs, 64, 1e-3, methods.seed)))),
                        new StderrProgress(err, "data randomization ")).dataRandomization();
                ObjectNode o = write(d.comparison(), "data-randomization", set, classifier.inputSpec(), dir);
                o.put("permuted_train_accuracy", d.permutedTrainAccuracy());
                o.put("true_label_accuracy_of_permuted_model", d.permutedModelAccuracy());
                o.put("train_images", d.trainImages());
                o.put("epochs", d.epochs());
                o.put("training_seconds", d.trainingTime().toMillis() / 1000.0);
                root.set("data_randomization", o);
                stdout.println(String.format(Locale.ROOT, "data randomization: memorised %.1f%% of %d permuted "
                        + "labels in %d epochs (accuracy on the true labels %.3f)", 100 * d.permutedTrainAccuracy(),
                        d.trainImages(), d.epochs(), d.permutedModelAccuracy()));
                stdout.println(table(d.comparison()));
            }
            root.put("seconds", (System.nanoTime() - start) / 1e9);
            root.set("provenance", Json.provenance());
            Path summary = dir.resolve("sanity-summary.json");
            SaliencyJson.writeString(Json.write(root), summary);
            stdout.println("wrote " + dir + " (summary in " + summary.getFileName() + ")");
            stdout.flush();
        }
        return 0;
    }

    /** Writes the JSON, CSV, curve PNGs and grids of one check; returns the list of files written. */
    private ObjectNode write(SanityCheckResult r, String prefix, LabelledDataset set, InputSpec input, Path dir)
            throws Exception {
        ObjectNode o = Json.object();
        Path json = dir.resolve(prefix + ".json");
        Path csv = dir.resolve(prefix + ".csv");
        SaliencyJson.write(SaliencyJson.sanity(r, set.source()), json);
        SaliencyJson.writeString(SaliencyJson.sanityCsv(r), csv);
        o.put("json", json.toString());
        o.put("csv", csv.toString());
        ArrayNode charts = o.putArray("charts");
        for (SimilarityMetric metric : SimilarityMetric.values()) {
            Path png = dir.resolve(prefix + "-" + metric.key() + ".png");
            SimilarityChartFactory.writePng(SimilarityChartFactory.create(r, metric), png,
                    SimilarityChartFactory.DEFAULT_WIDTH, SimilarityChartFactory.DEFAULT_HEIGHT);
            charts.add(png.toString());
        }
        ArrayNode grids = o.putArray("grids");
        Images x = set.images();
        for (int i = 0; i < Math.min(gridImages, r.images()); i++) {
            Path png = dir.resolve(prefix + "-grid-" + i + ".png");
            SaliencyPictures.writePng(SaliencyPictures.grid(r, i, x, input.lower(), input.upper(), scale), png);
            grids.add(png.toString());
        }
        return o;
    }

    /** Mean rank correlations (absolute / signed) per method and step. */
    static String table(SanityCheckResult r) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%s randomization, %d images: mean Spearman rank correlation with the original map, |abs| / signed%n",
                r.randomization().label(), r.images()));
        sb.append(String.format(Locale.ROOT, "%-22s", "method"));
        for (String s : r.steps()) {
            sb.append(String.format(Locale.ROOT, " %15s", s.length() > 15 ? s.substring(0, 15) : s));
        }
        sb.append('\n');
        for (int m = 0; m < r.methods().size(); m++) {
            sb.append(String.format(Locale.ROOT, "%-22s", r.methods().get(m)));
            for (int s = 0; s < r.steps().size(); s++) {
                sb.append(String.format(Locale.ROOT, " %7.3f/%7.3f", r.mean(m, s, SimilarityMetric.SPEARMAN_ABS),
                        r.mean(m, s, SimilarityMetric.SPEARMAN_SIGNED)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
