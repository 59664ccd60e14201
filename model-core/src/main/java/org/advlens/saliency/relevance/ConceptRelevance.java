package org.advlens.saliency.relevance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.advlens.data.Images;
import org.advlens.job.CancellationToken;
import org.advlens.model.Classifier;
import org.advlens.model.compiled.LayerStack;
import org.advlens.model.compiled.LayerStep;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Concept relevance propagation (Achtibat et al., "From Attribution Maps to Human-Understandable Explanations
 * through Concept Relevance Propagation", Nature Machine Intelligence, 2023): LRP whose relevance, on reaching a
 * chosen layer, keeps one channel only. Because every LRP rule is linear in the relevance it is given, the
 * conditional heatmaps of all channels of a layer sum to the unconditional one.
 */
public final class ConceptRelevance {

    /**
     * @param composite the LRP rules
     * @param layer the concept layer, by name or index; {@code null} or blank for the last convolution
     * @param topConcepts how many of the most relevant channels to return, in [1, 64]
     * @param batchSize images (or conditioned copies) per propagation
     */
    public record Options(Composite composite, String layer, int topConcepts, int batchSize) {
        public Options {
            if (composite == null) {
                throw new IllegalArgumentException("a composite is required");
            }
            layer = layer == null || layer.isBlank() ? null : layer.trim();
            if (topConcepts < 1 || topConcepts > 64) {
                throw new IllegalArgumentException("top concepts must be in [1, 64], got " + topConcepts);
            }
            if (batchSize < 1 || batchSize > 4096) {
                throw new IllegalArgumentException("batch size must be in [1, 4096], got " + batchSize);
            }
        }

        /** Box, gamma and epsilon by layer type, the last convolution, five concepts, batch 64. */
        public static Options defaults() {
            return new Options(Composite.epsilonGammaBox(Composite.DEFAULT_EPSILON, Composite.DEFAULT_GAMMA), null,
                    5, 64);
        }

        public Options withLayer(String newLayer) {
            return new Options(composite, newLayer, topConcepts, batchSize);
        }

        public Options withTopConcepts(int n) {
            return new Options(composite, layer, n, batchSize);
        }
    }

    private final Options options;
    private final LayerwiseRelevance lrp;
    private final int step;
    private final String layerName;

    /**
     * @throws UnsupportedOperationException if the model's layers cannot be walked
     * @throws IllegalArgumentException if the layer is unknown or is the output layer
     */
    public ConceptRelevance(Classifier model, Options options) {
        this.options = options;
        this.lrp = new LayerwiseRelevance(LayerStack.of(model), options.composite());
        this.step = lrp.conceptStep(options.layer() == null ? lastConvolution(lrp.stack()) : options.layer());
        this.layerName = lrp.stack().step(step).layerName();
    }

    /** The names of the layers that can be concept layers (hidden layers), input to output. */
    public static List<String> layerChoices(Classifier model) {
        List<String> names = new ArrayList<>(LayerStack.of(model).layerNames());
        return names.subList(0, Math.max(0, names.size() - 1));
    }

    private static String lastConvolution(LayerStack stack) {
        String name = null;
        for (LayerStep s : stack.steps()) {
            if (s.kind() == LayerStep.Kind.CONVOLUTION) {
                name = s.layerName();
            }
        }
        if (name == null) {
            throw new IllegalArgumentException("the network has no convolution; name a concept layer, one of "
                    + stack.layerNames());
        }
        return name;
    }

    public Options options() {
        return options;
    }

    /** The concept layer's name. */
    public String layer() {
        return layerName;
    }

    /** Index of the concept layer's output step in the layer stack. */
    int step() {
        return step;
    }

    LayerwiseRelevance propagation() {
        return lrp;
    }

    /**
     * The concepts behind image {@code image} of {@code images} being class {@code target}.
     *
     * @throws org.advlens.job.CancelledException if cancelled
     */
    public ConceptExplanation explain(Images images, int image, int target, CancellationToken cancellation) {
        cancellation.throwIfCancelled();
        Images one = images.image(image);
        INDArray x = one.toArray();
        Propagation whole = lrp.propagate(x, new int[] {target}, ConceptCondition.recordOnly(step));
        double[] channels = whole.channelRelevance().castTo(DataType.DOUBLE).dup().data().asDouble();
        double total = Arrays.stream(channels).sum();
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < channels.length; k++) {
            order.add(k);
        }
        order.sort(Comparator.comparingDouble((Integer k) -> channels[k]).reversed());
        int[] top = order.subList(0, Math.min(options.topConcepts(), channels.length)).stream()
                .mapToInt(Integer::intValue).toArray();
        int[] targets = new int[top.length];
        Arrays.fill(targets, target);
        float[][] maps = conditional(one.toArray(), top, targets, cancellation, true);
        List<Concept> concepts = new ArrayList<>();
        for (int i = 0; i < top.length; i++) {
            concepts.add(new Concept(top[i], channels[top[i]], total == 0 ? 0 : channels[top[i]] / total, maps[i]));
        }
        return new ConceptExplanation(layerName, target, whole.targetLogits()[0],
                whole.inputRelevance().data().asFloat(), channels, concepts, one.channels(), one.height(),
                one.width());
    }

    /**
     * Conditional heatmaps: row {@code i} is image {@code i} of {@code images} (or, if {@code repeatFirst}, the
     * first image) explained for {@code targets[i]} through channel {@code channels[i]} only.
     */
    float[][] conditional(INDArray images, int[] channels, int[] targets, CancellationToken cancellation,
                          boolean repeatFirst) {
        int n = channels.length;
        float[][] out = new float[n][];
        for (int from = 0; from < n; from += options.batchSize()) {
            cancellation.throwIfCancelled();
            int to = Math.min(n, from + options.batchSize());
            INDArray batch = repeatFirst
                    ? Nd4j.concat(0, Collections.nCopies(to - from, images).toArray(new INDArray[0]))
                    : images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to));
            Propagation p = lrp.propagate(batch, Arrays.copyOfRange(targets, from, to),
                    new ConceptCondition(step, Arrays.copyOfRange(channels, from, to)));
            INDArray r = p.inputRelevance();
            INDArray rows = r.reshape('c', r.size(0), r.length() / r.size(0));
            for (int i = from; i < to; i++) {
                out[i] = rows.getRow(i - from).dup('c').data().asFloat();
            }
        }
        return out;
    }
}
