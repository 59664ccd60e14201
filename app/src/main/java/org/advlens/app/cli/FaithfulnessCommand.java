package org.advlens.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.report.SaliencyJson;
import org.advlens.saliency.SaliencyMethod;
import org.advlens.saliency.faithfulness.FaithfulnessEvaluation;
import org.advlens.saliency.faithfulness.FaithfulnessJson;
import org.advlens.saliency.faithfulness.FaithfulnessOptions;
import org.advlens.saliency.faithfulness.FaithfulnessResult;
import org.advlens.saliency.method.SaliencyMethods;
import org.advlens.saliency.similarity.SimilarityMetric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens faithfulness}: how faithful and how robust each saliency method's maps are on a sample of the
 * data (docs/faithfulness.md): deletion and insertion areas, ROAD, faithfulness correlation, max- and
 * average-sensitivity and the random-logit test, against a random pixel order. Prints the table of means, or
 * with {@code --json} the whole result as JSON; {@code --out} also writes the JSON to a file.
 */
@Command(name = "faithfulness", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Faithfulness and robustness of saliency maps: deletion/insertion "
                + "(RISE), ROAD, faithfulness correlation, sensitivity and the random-logit test.")
final class FaithfulnessCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Mixin
    DataOptions data;

    @Mixin
    SaliencyCommand.MethodOptions methods;

    @Option(names = "--steps", paramLabel = "K", defaultValue = "20",
            description = "steps of the deletion, insertion and ROAD curves (default: 20)")
    int steps;

    @Option(names = "--road-noise", paramLabel = "F", defaultValue = "0.01",
            description = "ROAD: imputation noise standard deviation as a fraction of the input range "
                    + "(default: 0.01)")
    double roadNoise;

    @Option(names = "--subsets", paramLabel = "N", defaultValue = "50",
            description = "faithfulness correlation: random subsets per image (default: 50)")
    int subsets;

    @Option(names = "--subset-fraction", paramLabel = "F", defaultValue = "0.1",
            description = "faithfulness correlation: share of the pixels in each subset (default: 0.1)")
    double subsetFraction;

    @Option(names = "--sensitivity-samples", paramLabel = "N", defaultValue = "10",
            description = "sensitivity: noisy inputs per image (default: 10)")
    int sensitivitySamples;

    @Option(names = "--sensitivity-radius", paramLabel = "F", defaultValue = "0.02",
            description = "sensitivity: uniform noise radius as a fraction of the input range (default: 0.02)")
    double sensitivityRadius;

    @Option(names = "--similarity", paramLabel = "METRIC", defaultValue = "ssim",
            description = "random-logit test: ssim, spearman_abs, spearman_signed or hog (default: ssim)")
    String similarity;

    @Option(names = "--json", description = "print the result as JSON instead of the table")
    boolean json;

    @Option(names = "--markdown", description = "print the table as Markdown, means with standard deviations")
    boolean markdown;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the result as JSON to FILE")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FaithfulnessOptions options = new FaithfulnessOptions(steps, roadNoise, subsets, subsetFraction,
                sensitivitySamples, sensitivityRadius, SimilarityMetric.parse(similarity), methods.seed);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Classifier classifier = model.load()) {
            List<SaliencyMethod> chosen = methods.build(classifier, SaliencyMethods.names());
            LabelledDataset set = data.load(classifier, err);
            FaithfulnessResult result = new FaithfulnessEvaluation(classifier, set.images(), chosen, options)
                    .run(new StderrProgress(err, "faithfulness "), CancellationToken.create());
            String text = Json.write(FaithfulnessJson.of(result, classifier.info(), set.source()));
            if (out != null) {
                SaliencyJson.writeString(text, out);
            }
            if (json) {
                stdout.println(text);
            } else {
                stdout.println(result.images() + " images, predicted class, " + steps + " steps; ^ higher is "
                        + "better, v lower is better");
                stdout.print(markdown ? FaithfulnessJson.markdown(result) : FaithfulnessJson.table(result));
                if (out != null) {
                    stdout.println("wrote " + out);
                }
            }
            stdout.flush();
        }
        return 0;
    }
}
