package org.advlens.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.advlens.data.Datasets;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.provenance.Provenance;
import org.advlens.report.SaliencyPictures;
import org.advlens.saliency.relevance.Composite;
import org.advlens.saliency.relevance.ConceptAtlas;
import org.advlens.saliency.relevance.ConceptAtlasJson;
import org.advlens.saliency.relevance.ConceptAtlasPicture;
import org.advlens.saliency.relevance.ConceptRelevance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code advlens concepts}: concept relevance propagation (Achtibat et al. 2023) of images of the data set: the
 * most relevant channels of a layer for each image's class, each with its conditional heatmap and the reference
 * images that maximise its relevance, as JSON on standard output and optionally a concept atlas picture.
 */
@Command(name = "concepts", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Concepts behind decisions (concept relevance propagation): the most "
                + "relevant channels of a layer, where they act, and the reference images they stand for.")
final class ConceptsCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Mixin
    DataOptions data;

    @Option(names = "--index", paramLabel = "I", split = ",",
            description = "indices of the --data images to explain (default: 0 unless --classes is given)")
    List<Integer> indices;

    @Option(names = "--classes", paramLabel = "C", split = ",",
            description = "explain the first image of each of these classes (index or name), e.g. 0,5,9")
    List<String> classes;

    @Option(names = "--layer", paramLabel = "L",
            description = "concept layer, by name or index (default: the last convolution)")
    String layer;

    @Option(names = "--top", paramLabel = "N", defaultValue = "5",
            description = "concepts per image (default: 5)")
    int top;

    @Option(names = "--references", paramLabel = "N", defaultValue = "6",
            description = "reference images per concept (default: 6)")
    int references;

    @Option(names = "--reference-data", paramLabel = "PATH",
            description = "data set searched for reference images, e.g. the Fashion-MNIST training images "
                    + "(default: the --data set)")
    Path referenceData;

    @Option(names = "--reference-limit", paramLabel = "N",
            description = "search only the first N images of --reference-data")
    Integer referenceLimit;

    @Option(names = "--target", paramLabel = "WHICH", defaultValue = "predicted",
            description = "class explained: predicted, true, or a class index or name (default: predicted)")
    String target;

    @Option(names = "--composite", paramLabel = "NAME", defaultValue = "lrp-composite",
            description = "LRP rules: lrp-composite (box, gamma, epsilon), lrp-composite-flat, lrp-epsilon, "
                    + "lrp-gamma, lrp-alpha-beta, lrp-zplus (default: lrp-composite)")
    String composite;

    @Option(names = "--epsilon", paramLabel = "E", defaultValue = "0.1", description = "LRP epsilon (default: 0.1)")
    double epsilon;

    @Option(names = "--gamma", paramLabel = "G", defaultValue = "0.25", description = "LRP gamma (default: 0.25)")
    double gamma;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", description = "batch size (default: 64)")
    int batch;

    @Option(names = "--heatmaps", description = "include the heatmap values in the JSON")
    boolean heatmaps;

    @Option(names = "--atlas", paramLabel = "PNG", description = "also draw the concept atlas into this PNG file")
    Path atlasFile;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "3",
            description = "atlas pixels per image pixel (default: 3)")
    int scale;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (indices != null && classes != null) {
            throw new IllegalArgumentException("give either --index or --classes, not both");
        }
        if (references < 1 || references > 100) {
            throw new IllegalArgumentException("--references must be in [1, 100], got " + references);
        }
        long start = System.nanoTime();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Classifier classifier = model.load()) {
            ConceptRelevance.Options options = new ConceptRelevance.Options(
                    Composite.byName(composite, epsilon, gamma), layer, top, batch);
            LabelledDataset set = data.load(classifier, err);
            LabelledDataset refs = referenceData == null ? set : loadReferences(classifier);
            List<Integer> chosen = chooseImages(set, classifier);
            Images queries = select(set.images(), chosen);
            int[] labels = chosen.stream().mapToInt(set::label).toArray();
            SaliencyCommand.TargetOption which = new SaliencyCommand.TargetOption();
            which.target = target;
            int[] targets = which.resolve(classifier, queries, labels);
            StderrProgress progress = new StderrProgress(err, "concepts ");
            ConceptAtlas atlas = ConceptAtlas.build(classifier, options, queries, targets, refs.images(),
                    references, progress, CancellationToken.create());
            List<String> sources = new ArrayList<>();
            for (int i : chosen) {
                sources.add(set.source() + "#" + i);
            }
            Map<String, Object> parameters = new LinkedHashMap<>(options.composite().describe());
            parameters.put("layer", atlas.layer());
            parameters.put("top", top);
            parameters.put("references", references);
            parameters.put("target", target);
            ObjectNode root = ConceptAtlasJson.write(atlas, parameters, sources, refs.source(),
                    classifier.classNames(), heatmaps);
            root.set("model", Json.model(classifier.info()));
            if (atlasFile != null) {
                SaliencyPictures.writePng(ConceptAtlasPicture.render(atlas, queries, refs.images(),
                        classifier.classNames(), classifier.inputSpec().lower(), classifier.inputSpec().upper(),
                        references, scale), atlasFile);
                root.put("atlas", atlasFile.toString());
            }
            root.put("seconds", (System.nanoTime() - start) / 1e9);
            root.set("provenance", Json.provenance());
            stdout.println(Json.write(root));
            stdout.flush();
        }
        return 0;
    }

    private LabelledDataset loadReferences(Classifier classifier) throws java.io.IOException {
        CliFiles.requireExisting(referenceData, "reference data");
        LabelledDataset r = Datasets.load(referenceData, null, classifier.inputSpec());
        if (referenceLimit != null) {
            if (referenceLimit < 1) {
                throw new IllegalArgumentException("--reference-limit must be positive, got " + referenceLimit);
            }
            r = r.limit(referenceLimit);
        }
        return r;
    }

    private List<Integer> chooseImages(LabelledDataset set, Classifier classifier) {
        List<Integer> out = new ArrayList<>();
        if (classes != null) {
            for (String c : classes) {
                int k = ClassNames.resolve(c, classifier.classNames(), "--classes");
                int found = -1;
                for (int i = 0; i < set.size() && found < 0; i++) {
                    if (set.label(i) == k) {
                        found = i;
                    }
                }
                if (found < 0) {
                    throw new IllegalArgumentException("the data set has no image of class " + c);
                }
                out.add(found);
            }
            return out;
        }
        for (int i : indices == null ? List.of(0) : indices) {
            if (i < 0 || i >= set.size()) {
                throw new IllegalArgumentException("--index " + i + " is outside the data set's " + set.size()
                        + " images");
            }
            out.add(i);
        }
        return out;
    }

    private static Images select(Images all, List<Integer> chosen) {
        float[] px = new float[chosen.size() * all.imageSize()];
        for (int i = 0; i < chosen.size(); i++) {
            System.arraycopy(all.image(chosen.get(i)).pixels(), 0, px, i * all.imageSize(), all.imageSize());
        }
        return new Images(px, chosen.size(), all.channels(), all.height(), all.width());
    }
}
