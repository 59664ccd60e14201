package org.advlens.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.advlens.app.usecase.ExplainImage;
import org.advlens.data.ImageFiles;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.provenance.Provenance;
import org.advlens.report.NpyWriter;
import org.advlens.report.SaliencyJson;
import org.advlens.report.SaliencyPictures;
import org.advlens.saliency.SaliencyMap;
import org.advlens.saliency.SaliencyMethod;
import org.advlens.saliency.Target;
import org.advlens.saliency.method.GradCam;
import org.advlens.saliency.method.GradientTimesInput;
import org.advlens.saliency.method.GuidedBackprop;
import org.advlens.saliency.method.IntegratedGradients;
import org.advlens.saliency.method.LayerwiseRelevancePropagation;
import org.advlens.saliency.method.Occlusion;
import org.advlens.saliency.method.SaliencyMethods;
import org.advlens.saliency.method.SmoothGrad;
import org.advlens.saliency.method.VanillaGradient;
import org.advlens.saliency.relevance.Composite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens saliency}: saliency maps of one or more images. Writes, per image and method,
 * {@code <image>-<method>.png} (diverging colours for signed maps, viridis for magnitudes) and the raw values as
 * {@code .npy} or {@code .json} (with provenance), and prints a JSON summary with the targets and, for
 * Integrated Gradients, the completeness delta.
 */
@Command(name = "saliency", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Saliency maps of images: each map as a PNG and as raw values (.npy or "
                + ".json).")
final class SaliencyCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Option(names = "--image", paramLabel = "FILE",
            description = "image file to explain (PNG, JPEG, BMP, GIF); repeat for several")
    List<Path> imageFiles;

    @Mixin
    DataOptions data;

    @Option(names = "--index", paramLabel = "I", split = ",",
            description = "indices of the --data images to explain when no --image is given (default: 0)")
    List<Integer> indices;

    @Mixin
    MethodOptions methods;

    @Mixin
    TargetOption target;

    @Option(names = "--values", paramLabel = "FORMAT", defaultValue = "npy",
            description = "raw values as npy (float32, shape [channels, height, width]) or json (default: npy)")
    String values;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "8",
            description = "PNG pixels per map pixel (default: 8)")
    int scale;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "folder for the maps")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String format = values.trim().toLowerCase(Locale.ROOT);
        if (!format.equals("npy") && !format.equals("json")) {
            throw new IllegalArgumentException("--values must be npy or json, got '" + values + "'");
        }
        if (scale < 1 || scale > 64) {
            throw new IllegalArgumentException("--scale must be in [1, 64], got " + scale);
        }
        if (imageFiles != null && indices != null) {
            throw new IllegalArgumentException("give either --image files or --index into --data, not both");
        }
        long start = System.nanoTime();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Classifier classifier = model.load()) {
            List<SaliencyMethod> chosen = methods.build(classifier, SaliencyMethods.names());
            Inputs inputs = imageFiles != null ? fromFiles(classifier) : fromData(classifier, err);
            Target which = target.choose(classifier, inputs.labels());
            Path dir = CliFiles.outputFolder(out);
            ObjectNode root = Json.object();
            root.set("model", Json.model(classifier.info()));
            root.put("target", target.target());
            ArrayNode maps = root.putArray("maps");
            StderrProgress progress = new StderrProgress(err, "saliency ");
            ExplainImage.Result explained = Jobs.runNow(new ExplainImage(new ExplainImage.Request(classifier,
                    inputs.images(), inputs.labels(), which, chosen)), progress);
            for (ExplainImage.Entry entry : explained.maps()) {
                SaliencyMethod method = entry.method();
                SaliencyMap map = entry.map();
                for (int i = 0; i < map.count(); i++) {
                    String stem = inputs.names().get(i) + "-" + method.name();
                    Path png = dir.resolve(stem + ".png");
                    SaliencyPictures.writePng(SaliencyPictures.render(map, i, scale), png);
                    Path raw = dir.resolve(stem + "." + format);
                    if (format.equals("npy")) {
                        NpyWriter.write(raw, map.image(i), map.channels(), map.height(), map.width());
                    } else {
                        SaliencyJson.write(SaliencyJson.map(map, i, method.parameters(), classifier.info(),
                                inputs.sources().get(i)), raw);
                    }
                    ObjectNode o = maps.addObject();
                    o.put("image", inputs.sources().get(i));
                    o.put("method", method.name());
                    o.set("parameters", Json.MAPPER.valueToTree(method.parameters()));
                    o.put("target", map.target(i));
                    o.put("target_name", classifier.classNames().get(map.target(i)));
                    if (map.hasCompletenessDelta()) {
                        o.put("completeness_delta", map.completenessDelta()[i]);
                    }
                    o.put("png", png.toString());
                    o.put("values", raw.toString());
                }
            }
            progress.onProgress(1, "done");
            root.put("seconds", (System.nanoTime() - start) / 1e9);
            root.set("provenance", Json.provenance());
            stdout.println(Json.write(root));
            stdout.flush();
        }
        return 0;
    }

    /** The images to explain, their true labels (or {@code null}), names for files and sources for provenance. */
    private record Inputs(Images images, int[] labels, List<String> names, List<String> sources) {
    }

    private Inputs fromFiles(Classifier classifier) throws java.io.IOException {
        List<Images> list = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (Path f : imageFiles) {
            CliFiles.requireFile(f, "image");
            list.add(ImageFiles.read(f, classifier.inputSpec()));
            String name = f.getFileName().toString();
            int dot = name.lastIndexOf('.');
            names.add(unique(dot > 0 ? name.substring(0, dot) : name, names));
            sources.add(f.toString());
        }
        Images first = list.get(0);
        float[] px = new float[list.size() * first.imageSize()];
        for (int i = 0; i < list.size(); i++) {
            System.arraycopy(list.get(i).pixels(), 0, px, i * first.imageSize(), first.imageSize());
        }
        return new Inputs(new Images(px, list.size(), first.channels(), first.height(), first.width()), null, names,
                sources);
    }

    private Inputs fromData(Classifier classifier, PrintWriter err) throws java.io.IOException {
        LabelledDataset set = data.load(classifier, err);
        List<Integer> chosen = indices == null ? List.of(0) : indices;
        Images all = set.images();
        float[] px = new float[chosen.size() * all.imageSize()];
        int[] labels = new int[chosen.size()];
        List<String> names = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            int index = chosen.get(i);
            if (index < 0 || index >= set.size()) {
                throw new IllegalArgumentException("--index " + index + " is outside the data set's " + set.size()
                        + " images");
            }
            System.arraycopy(all.image(index).pixels(), 0, px, i * all.imageSize(), all.imageSize());
            labels[i] = set.label(index);
            names.add(unique("image" + index, names));
            sources.add(set.source() + "#" + index);
        }
        return new Inputs(new Images(px, chosen.size(), all.channels(), all.height(), all.width()), labels, names,
                sources);
    }

    private static String unique(String name, List<String> used) {
        String n = name;
        for (int k = 2; used.contains(n); k++) {
            n = name + "-" + k;
        }
        return n;
    }

    /** {@code --target}: predicted (default), true, or a class index or name. */
    static final class TargetOption {

        @Option(names = "--target", paramLabel = "WHICH", defaultValue = "predicted",
                description = "class each map explains: predicted, true, or a class index or name (default: "
                        + "predicted)")
        String target;

        String target() {
            return target;
        }

        /** The chosen target; {@code labels} are the images' true labels, or {@code null} when unknown. */
        Target choose(Classifier model, int[] labels) {
            String t = target.trim().toLowerCase(Locale.ROOT);
            if (t.equals("predicted") || t.equals("prediction")) {
                return Target.predicted();
            }
            if (t.equals("true") || t.equals("label")) {
                if (labels == null) {
                    throw new IllegalArgumentException("--target true needs labelled images: use --data/--index "
                            + "rather than --image files");
                }
                return Target.trueLabel();
            }
            return Target.ofClass(ClassNames.resolve(target, model.classNames(), "--target"));
        }

        int[] resolve(Classifier model, Images images, int[] labels) {
            return choose(model, labels).resolve(model, images, labels);
        }
    }

    /** {@code --methods} and the settings of each method, shared by {@code saliency} and {@code sanity}. */
    static final class MethodOptions {

        @Option(names = "--methods", paramLabel = "NAMES", split = ",",
                description = "comma-separated methods: gradient, gradient-abs, gradient-x-input, smoothgrad, "
                        + "integrated-gradients, occlusion, gradcam, guided-backprop, lrp-epsilon, lrp-gamma, "
                        + "lrp-alpha-beta, lrp-zplus, lrp-composite, lrp-composite-flat (default: all the model "
                        + "supports)")
        List<String> names;

        @Option(names = "--batch", paramLabel = "N", defaultValue = "64",
                description = "internal batch size of every method (default: 64)")
        int batch;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
                description = "seed of SmoothGrad's noise, the noise baseline and the randomisation (default: 0)")
        long seed;

        @Option(names = "--smoothgrad-samples", paramLabel = "N", defaultValue = "50",
                description = "SmoothGrad: noisy samples per image (default: 50)")
        int samples;

        @Option(names = "--smoothgrad-noise", paramLabel = "F", defaultValue = "0.15",
                description = "SmoothGrad: noise standard deviation as a fraction of the input range (default: 0.15)")
        double noise;

        @Option(names = "--ig-steps", paramLabel = "N", defaultValue = "50",
                description = "Integrated Gradients: steps of the path integral (default: 50)")
        int igSteps;

        @Option(names = "--ig-baseline", paramLabel = "B", defaultValue = "black",
                description = "Integrated Gradients: baseline black, blurred or uniform-noise (default: black)")
        String igBaseline;

        @Option(names = "--ig-blur-sigma", paramLabel = "PX", defaultValue = "5",
                description = "Integrated Gradients: Gaussian sigma of the blurred baseline in pixels (default: 5)")
        double blurSigma;

        @Option(names = "--occlusion-patch", paramLabel = "PX", defaultValue = "4",
                description = "Occlusion: patch side in pixels (default: 4)")
        int patch;

        @Option(names = "--occlusion-stride", paramLabel = "PX", defaultValue = "2",
                description = "Occlusion: stride in pixels (default: 2)")
        int stride;

        @Option(names = "--occlusion-fill", paramLabel = "V",
                description = "Occlusion: fill value in the model's pixel units (default: the lower bound, black)")
        Double fill;

        @Option(names = "--gradcam-layer", paramLabel = "LAYER",
                description = "Grad-CAM: layer name or index (default: the last convolutional layer)")
        String gradcamLayer;

        @Option(names = "--lrp-epsilon", paramLabel = "E", defaultValue = "0.1",
                description = "LRP: epsilon of the epsilon rule (default: 0.1)")
        double lrpEpsilon;

        @Option(names = "--lrp-gamma", paramLabel = "G", defaultValue = "0.25",
                description = "LRP: gamma of the gamma rule (default: 0.25)")
        double lrpGamma;

        /** The chosen methods with these settings; {@code defaults} when none are named (unsupported ones dropped). */
        List<SaliencyMethod> build(Classifier model, List<String> defaults) {
            List<String> requested = names == null || names.isEmpty() ? defaults : names;
            List<SaliencyMethod> out = new ArrayList<>();
            for (String n : requested) {
                String name = SaliencyMethods.canonical(n);
                SaliencyMethod m = switch (name) {
                    case VanillaGradient.NAME -> new VanillaGradient(new VanillaGradient.Options(false, batch));
                    case VanillaGradient.ABSOLUTE_NAME -> new VanillaGradient(new VanillaGradient.Options(true, batch));
                    case GradientTimesInput.NAME -> new GradientTimesInput(new GradientTimesInput.Options(batch));
                    case SmoothGrad.NAME -> new SmoothGrad(new SmoothGrad.Options(samples, noise, seed, batch));
                    case IntegratedGradients.NAME -> new IntegratedGradients(new IntegratedGradients.Options(
                            IntegratedGradients.Baseline.parse(igBaseline), igSteps, blurSigma, seed, batch));
                    case Occlusion.NAME -> new Occlusion(new Occlusion.Options(patch, stride,
                            fill == null ? Double.NaN : fill, batch));
                    case GradCam.NAME -> new GradCam(new GradCam.Options(gradcamLayer, batch));
                    case GuidedBackprop.NAME -> new GuidedBackprop(new GuidedBackprop.Options(batch));
                    default -> name.startsWith("lrp-") && Composite.NAMES.contains(name)
                            ? new LayerwiseRelevancePropagation(new LayerwiseRelevancePropagation.Options(
                                    Composite.byName(name, lrpEpsilon, lrpGamma), batch))
                            : SaliencyMethods.byName(n);
                };
                boolean explicit = names != null && !names.isEmpty();
                if (!m.supports(model)) {
                    if (explicit) {
                        throw new IllegalArgumentException(m.displayName() + " cannot explain " + model.info().name()
                                + ": it needs the layers of a DL4J network");
                    }
                    continue;
                }
                if (out.stream().noneMatch(o -> o.name().equals(m.name()))) {
                    out.add(m);
                }
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("no saliency method chosen");
            }
            return out;
        }
    }
}
