package org.advlens.model.load;

import java.util.Locale;
import java.util.Optional;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelInfo;
import org.advlens.model.ModelLoadException;
import org.advlens.model.compiled.CompiledSequentialClassifier;
import org.advlens.model.dl4j.Dl4jClassifier;
import org.advlens.model.onnx.Dl4jOnnxExporter;
import org.advlens.model.onnx.OnnxExportException;
import org.advlens.model.runtime.ExportedNetworkClassifier;
import org.advlens.model.runtime.GradientEngine;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the classifier implementation for a loaded network. */
public final class Classifiers {

    private static final Logger LOG = LoggerFactory.getLogger(Classifiers.class);
    /** Largest difference between the exported graph's logits and DL4J's, relative to their scale. */
    static final double EXPORT_AGREEMENT = 1e-4;

    private Classifiers() {
    }

    /**
     * The fastest classifier that handles {@code net}: on the gradient engine when the network exports to ONNX and
     * passes the checks, else a {@link CompiledSequentialClassifier} when every layer is supported, else a
     * {@link Dl4jClassifier}. All share the network's parameters or a snapshot of their values.
     *
     * @throws IllegalArgumentException if the network's last layer cannot give logits
     */
    public static Classifier forNetwork(MultiLayerNetwork net, ModelInfo info) {
        Classifier reference = referenceFor(net, info);
        return onEngine(net, info, reference).orElse(reference);
    }

    /** The fastest classifier for a ComputationGraph: on the gradient engine, else a {@link Dl4jClassifier}. */
    public static Classifier forGraph(ComputationGraph graph, ModelInfo info) {
        Classifier reference = Dl4jClassifier.of(graph, info);
        return onEngine(graph, info, reference).orElse(reference);
    }

    /** The classifier of the network on the DL4J paths only: the reference the engine is checked against. */
    public static Classifier referenceFor(MultiLayerNetwork net, ModelInfo info) {
        return CompiledSequentialClassifier.compile(net, info).orElseGet(() -> Dl4jClassifier.of(net, info));
    }

    /** The input dimensions after the batch in the network's own layout. */
    private static Optional<Classifier> onEngine(Object net, ModelInfo info, Classifier reference) {
        long[] shape = info.input().networkShape();
        String reason;
        try {
            byte[] onnx = net instanceof MultiLayerNetwork m ? Dl4jOnnxExporter.export(m, shape)
                    : Dl4jOnnxExporter.export((ComputationGraph) net, shape);
            GradientEngine.Attempt attempt = GradientEngine.build(onnx, shape);
            if (attempt.model() != null) {
                GradientEngine.Opened opened = GradientEngine.open(info, attempt.model());
                if (opened.classifier() != null) {
                    Optional<String> disagreement = disagreement(opened.classifier(), reference);
                    if (disagreement.isEmpty()) {
                        LOG.debug("{}: {}", info.name(), opened.classifier().computePath().describe());
                        return Optional.of(new ExportedNetworkClassifier(opened.classifier(), net));
                    }
                    opened.classifier().close();
                    reason = disagreement.get();
                } else {
                    reason = opened.fallbackReason();
                }
            } else {
                reason = attempt.fallbackReason();
            }
        } catch (OnnxExportException e) {
            reason = e.getMessage();
        } catch (RuntimeException e) {
            reason = "export failed: " + ModelLoadException.rootMessage(e);
        }
        LOG.warn("{}: the gradient engine on ONNX Runtime is not used ({}); the DL4J path is slower", info.name(),
                reason);
        if (reference instanceof CompiledSequentialClassifier c) {
            c.explainFallback(reason);
        } else if (reference instanceof Dl4jClassifier c) {
            c.explainFallback(reason);
        }
        return Optional.empty();
    }

    /** Compares the exported graph's logits with the DL4J network's on a mid-grey and a random image. */
    private static Optional<String> disagreement(Classifier exported, Classifier reference) {
        InputSpec spec = exported.inputSpec();
        java.util.Random r = new java.util.Random(20261206L);
        float[] v = new float[2 * spec.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (spec.lower() + spec.range() * (i < spec.size() ? 0.5 : r.nextDouble()));
        }
        INDArray x = Nd4j.create(v, spec.shape(2), 'c');
        INDArray a = exported.logits(x);
        INDArray b = reference.logits(x);
        double scale = Math.max(1.0, b.amaxNumber().doubleValue());
        double diff = a.sub(b).amaxNumber().doubleValue() / scale;
        return diff <= EXPORT_AGREEMENT ? Optional.empty() : Optional.of(String.format(Locale.ROOT,
                "the exported graph's logits differ from DL4J's by %.3g (relative)", diff));
    }
}
