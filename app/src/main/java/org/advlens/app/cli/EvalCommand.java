package org.advlens.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.Prediction;
import org.advlens.model.Classifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code advlens eval}: clean accuracy of a model on a data set, overall and per class, as JSON. */
@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, description = "Clean accuracy of a model on a data set, printed as JSON.")
final class EvalCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Mixin
    DataOptions data;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "100", description = "images per batch (default: 100)")
    int batch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be positive, got " + batch);
        }
        long start = System.nanoTime();
        try (Classifier classifier = model.load()) {
            LabelledDataset set = data.load(classifier, spec.commandLine().getErr());
            int k = classifier.numClasses();
            int[] perClass = new int[k];
            int[] perClassCorrect = new int[k];
            int correct = 0;
            StderrProgress progress = new StderrProgress(spec.commandLine().getErr(), "eval ");
            for (int from = 0; from < set.size(); from += batch) {
                int to = Math.min(set.size(), from + batch);
                Prediction[] p = Prediction.of(classifier, set.images().slice(from, to));
                for (int i = 0; i < p.length; i++) {
                    int label = set.label(from + i);
                    if (label >= k) {
                        throw new IllegalArgumentException("label " + label + " of image " + (from + i)
                                + " is outside the model's " + k + " classes");
                    }
                    perClass[label]++;
                    if (p[i].predicted() == label) {
                        perClassCorrect[label]++;
                        correct++;
                    }
                }
                progress.onProgress((double) to / set.size(), to + "/" + set.size() + " images");
            }
            ObjectNode root = Json.object();
            root.set("model", Json.model(classifier.info()));
            root.set("data", Json.data(set));
            root.put("clean_accuracy", (double) correct / set.size());
            root.put("correct", correct);
            ArrayNode classes = root.putArray("per_class");
            for (int c = 0; c < k; c++) {
                ObjectNode o = classes.addObject();
                o.put("class", c);
                o.put("name", classifier.classNames().get(c));
                o.put("images", perClass[c]);
                if (perClass[c] > 0) {
                    o.put("accuracy", (double) perClassCorrect[c] / perClass[c]);
                } else {
                    o.putNull("accuracy");
                }
            }
            root.put("seconds", (System.nanoTime() - start) / 1e9);
            root.set("provenance", Json.provenance());
            spec.commandLine().getOut().println(Json.write(root));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
