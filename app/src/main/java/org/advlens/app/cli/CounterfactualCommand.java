package org.advlens.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.advlens.app.usecase.FindCounterfactual;
import org.advlens.counterfactual.Autoencoder;
import org.advlens.counterfactual.Counterfactual;
import org.advlens.counterfactual.CounterfactualMethod;
import org.advlens.counterfactual.CounterfactualSummary;
import org.advlens.counterfactual.LatentCounterfactual;
import org.advlens.counterfactual.PixelCounterfactual;
import org.advlens.counterfactual.Plausibility;
import org.advlens.counterfactual.PlausibilityMeasures;
import org.advlens.counterfactual.ReferenceSet;
import org.advlens.counterfactual.Targets;
import org.advlens.data.FashionMnist;
import org.advlens.data.ImageFiles;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.report.CounterfactualJson;
import org.advlens.report.CounterfactualPictures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens counterfactual}: what would have to change for the model to say class t? For each image and kind
 * (pixel-space, on-manifold) writes {@code <image>-<kind>.png} (the counterfactual), {@code -difference.png}
 * (against the original), {@code -path.png} and, on-manifold, {@code -change.png} (against the original's
 * reconstruction, the start of the search), and {@code counterfactuals.json} with the measures, the path's probabilities, the aggregate
 * figures and provenance; prints the aggregate figures as JSON.
 */
@Command(name = "counterfactual", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Counterfactual explanations: the smallest readable change that makes the "
                + "model predict a target class.")
final class CounterfactualCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Option(names = "--image", paramLabel = "FILE", description = "image file to explain (default: --data images)")
    Path imageFile;

    @Mixin
    DataOptions data;

    @Option(names = "--index", paramLabel = "I", split = ",",
            description = "indices of the --data images to explain (default: the first --limit images, or 0)")
    List<Integer> indices;

    @Option(names = "--target", paramLabel = "CLASS", required = true,
            description = "target class: an index or name, or 'second' for each image's second most likely class")
    String target;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "both",
            description = "pixel, latent (on-manifold) or both (default: both)")
    String kind;

    @Option(names = "--generator", paramLabel = "FILE",
            description = "autoencoder zip from advlens train-generator (default: the bundled Fashion-MNIST one)")
    Path generator;

    @Option(names = "--confidence", paramLabel = "P", description = "stop when the target probability reaches P "
            + "(default: 0.9 pixel-space, 0.999 on-manifold)")
    Double confidence;

    @Option(names = "--l1", paramLabel = "W", description = "pixel: weight of the L1 distance (default: 0.002)")
    Double l1;

    @Option(names = "--l2", paramLabel = "W", description = "pixel: weight of the squared L2 distance (default: 0.02)")
    Double l2;

    @Option(names = "--tv", paramLabel = "W", description = "pixel: weight of the change's total variation "
            + "(default: 0.02)")
    Double tv;

    @Option(names = "--step-size", paramLabel = "S", description = "pixel: L2 step as a fraction of the range "
            + "(default: 0.05)")
    Double stepSize;

    @Option(names = "--latent-weight", paramLabel = "W", description = "latent: weight of the code distance "
            + "(default: 0.01)")
    Double latentWeight;

    @Option(names = "--latent-step-size", paramLabel = "S", description = "latent: Adam step as a fraction of the "
            + "code's RMS (default: 0.3)")
    Double latentStepSize;

    @Option(names = "--prototype-weight", paramLabel = "W", description = "latent: weight of the code distance to "
            + "the target-class prototype, 0 for none (default: " + LatentCounterfactual.DEFAULT_PROTOTYPE_WEIGHT + ")")
    Double prototypeWeight;

    @Option(names = "--prototype-neighbours", paramLabel = "K", description = "latent: the prototype is the mean code "
            + "of the K reference images of the target class nearest the original (default: "
            + LatentCounterfactual.DEFAULT_PROTOTYPE_NEIGHBOURS + ")")
    Integer prototypeNeighbours;

    @Option(names = "--max-steps", paramLabel = "N", description = "most steps per image (default: 400)")
    Integer maxSteps;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "6", description = "PNG pixels per image pixel "
            + "(default: 6)")
    int scale;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "folder for the results")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String k = kind.trim().toLowerCase(Locale.ROOT);
        if (!k.equals("pixel") && !k.equals("latent") && !k.equals("both")) {
            throw new IllegalArgumentException("--kind must be pixel, latent or both, got '" + kind + "'");
        }
        long start = System.nanoTime();
        PrintWriter err = spec.commandLine().getErr();
        try (Classifier classifier = model.load()) {
            InputSpec input = classifier.inputSpec();
            Inputs inputs = imageFile != null ? fromFile(classifier) : fromData(classifier, err);
            int[] targets = targets(classifier, inputs.images());
            Autoencoder ae = generator != null ? Autoencoder.load(CliFiles.requireFile(generator, "generator"))
                    : defaultGenerator(classifier, k);
            ReferenceSet reference = classifier.classNames().equals(FashionMnist.CLASS_NAMES)
                    ? ReferenceSet.bundled(input) : null;
            PlausibilityMeasures measures = new PlausibilityMeasures(ae, reference,
                    PlausibilityMeasures.DEFAULT_CHANGE_THRESHOLD, input.range());
            List<CounterfactualMethod> methods = methods(k, ae);
            Path dir = CliFiles.outputFolder(out);
            ObjectNode report = CounterfactualJson.MAPPER.createObjectNode();
            report.set("model", Json.model(classifier.info()));
            ObjectNode summary = report.putObject("summary");
            ArrayNode items = report.putArray("counterfactuals");
            StderrProgress progress = new StderrProgress(err, "counterfactual ");
            for (CounterfactualMethod method : methods) {
                report.set(method.name(), CounterfactualJson.header(classifier.info(), method));
            }
            FindCounterfactual.Result searched = Jobs.runNow(new FindCounterfactual(new FindCounterfactual.Request(
                    classifier, inputs.images(), targets, methods, measures)), progress);
            for (FindCounterfactual.Found found : searched.found()) {
                CounterfactualMethod method = found.method();
                List<Counterfactual> results = found.counterfactuals();
                List<Plausibility> ps = found.plausibility();
                for (int i = 0; i < results.size(); i++) {
                    Counterfactual c = results.get(i);
                    Plausibility p = ps.get(i);
                    String stem = inputs.names().get(i) + "-" + method.name();
                    CounterfactualPictures.writePng(CounterfactualPictures.image(c.counterfactual(), input.lower(),
                            input.upper(), scale), dir.resolve(stem + ".png"));
                    CounterfactualPictures.writePng(CounterfactualPictures.difference(c, input.range(), scale),
                            dir.resolve(stem + "-difference.png"));
                    CounterfactualPictures.writePng(CounterfactualPictures.path(c, input.lower(), input.upper(),
                            scale), dir.resolve(stem + "-path.png"));
                    if (method instanceof LatentCounterfactual) {
                        CounterfactualPictures.writePng(CounterfactualPictures.differenceFromStart(c, input.range(),
                                scale), dir.resolve(stem + "-change.png"));
                    }
                    items.add(CounterfactualJson.counterfactual(c, p, classifier.classNames(),
                            inputs.sources().get(i)));
                }
                CounterfactualSummary s = CounterfactualSummary.of(results, ps);
                ObjectNode so = summary.putObject(method.name());
                so.put("images", s.count());
                so.put("successes", s.successes());
                so.put("success_rate", s.successRate());
                putNumber(so, "mean_l1", s.meanL1());
                putNumber(so, "mean_l2", s.meanL2());
                putNumber(so, "mean_changed_pixels", s.meanChangedPixels());
                putNumber(so, "mean_reconstruction_error", s.meanReconstructionError());
                putNumber(so, "mean_original_reconstruction_error", s.meanOriginalReconstructionError());
                putNumber(so, "mean_nearest_target_example_l2", s.meanNearestTargetDistance());
            }
            for (int i = 0; i < inputs.images().count(); i++) {
                CounterfactualPictures.writePng(CounterfactualPictures.image(inputs.images().image(i), input.lower(),
                        input.upper(), scale), dir.resolve(inputs.names().get(i) + "-original.png"));
            }
            progress.onProgress(1, "done");
            summary.put("seconds", (System.nanoTime() - start) / 1e9);
            report.set("provenance", Json.provenance());
            CounterfactualJson.MAPPER.writeValue(dir.resolve("counterfactuals.json").toFile(), report);
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(Json.write(summary));
            stdout.flush();
        }
        return 0;
    }

    private List<CounterfactualMethod> methods(String k, Autoencoder ae) {
        PixelCounterfactual.Options p = PixelCounterfactual.Options.defaults();
        LatentCounterfactual.Options l = LatentCounterfactual.Options.defaults();
        if (confidence != null) {
            p = p.withConfidence(confidence);
            l = l.withConfidence(confidence);
        }
        if (l1 != null || l2 != null || tv != null) {
            p = p.withWeights(l1 == null ? p.l1() : l1, l2 == null ? p.l2() : l2, tv == null ? p.tv() : tv);
        }
        if (stepSize != null) {
            p = p.withStepSize(stepSize);
        }
        if (latentWeight != null) {
            l = l.withLatentWeight(latentWeight);
        }
        if (latentStepSize != null) {
            l = l.withStepSize(latentStepSize);
        }
        if (prototypeWeight != null) {
            l = l.withPrototypeWeight(prototypeWeight);
        }
        if (prototypeNeighbours != null) {
            l = l.withPrototypeNeighbours(prototypeNeighbours);
        }
        if (maxSteps != null) {
            p = p.withMaxSteps(maxSteps);
            l = l.withMaxSteps(maxSteps);
        }
        List<CounterfactualMethod> out = new ArrayList<>();
        if (!k.equals("latent")) {
            out.add(new PixelCounterfactual(p));
        }
        if (!k.equals("pixel")) {
            out.add(new LatentCounterfactual(ae, l));
        }
        return out;
    }

    /**
     * The bundled autoencoder for a classifier of the bundled model's input and classes; otherwise {@code null}
     * when only pixel-space search is asked for ({@code k} is {@code "pixel"}), else an error saying what to do.
     */
    static Autoencoder defaultGenerator(Classifier classifier, String k) throws Exception {
        InputSpec bundled = InputSpec.grey(28, 28);
        if (classifier.inputSpec().equals(bundled) && classifier.classNames().equals(FashionMnist.CLASS_NAMES)) {
            return Autoencoder.bundled();
        }
        if (!k.equals("pixel")) {
            throw new IllegalArgumentException("on-manifold counterfactuals for " + classifier.info().name()
                    + " need a generative model of its data: train one with advlens train-generator --model ... "
                    + "--data ... and pass it with --generator");
        }
        return null;
    }

    private int[] targets(Classifier classifier, Images images) {
        int[] out = new int[images.count()];
        if (target.trim().equalsIgnoreCase("second")) {
            return Targets.secondMostLikely(classifier, images);
        }
        java.util.Arrays.fill(out, ClassNames.resolve(target, classifier.classNames(), "--target"));
        return out;
    }

    private record Inputs(Images images, List<String> names, List<String> sources) {
    }

    private Inputs fromFile(Classifier classifier) throws java.io.IOException {
        if (indices != null) {
            throw new IllegalArgumentException("give either --image or --index into --data, not both");
        }
        CliFiles.requireFile(imageFile, "image");
        String name = imageFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return new Inputs(ImageFiles.read(imageFile, classifier.inputSpec()),
                List.of(dot > 0 ? name.substring(0, dot) : name), List.of(imageFile.toString()));
    }

    private Inputs fromData(Classifier classifier, PrintWriter err) throws java.io.IOException {
        LabelledDataset set = data.load(classifier, err);
        List<Integer> chosen = new ArrayList<>();
        if (indices != null) {
            chosen.addAll(indices);
        } else if (data.limit != null) {
            for (int i = 0; i < set.size(); i++) {
                chosen.add(i);
            }
        } else {
            chosen.add(0);
        }
        Images all = set.images();
        float[] px = new float[chosen.size() * all.imageSize()];
        List<String> names = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            int index = chosen.get(i);
            if (index < 0 || index >= set.size()) {
                throw new IllegalArgumentException("--index " + index + " is outside the data set's " + set.size()
                        + " images");
            }
            System.arraycopy(all.image(index).pixels(), 0, px, i * all.imageSize(), all.imageSize());
            names.add("image" + index);
            sources.add(set.source() + "#" + index);
        }
        return new Inputs(new Images(px, chosen.size(), all.channels(), all.height(), all.width()), names, sources);
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
