package org.advlens.model.dl4j;

import org.advlens.model.Classifier;
import org.advlens.model.ComputePath;
import org.advlens.model.InputTransform;
import org.advlens.model.LogitCrossEntropyLoss;
import org.advlens.model.LogitHead;
import org.advlens.model.Logits;
import org.advlens.model.ModelInfo;
import org.advlens.model.NetworkBacked;
import org.advlens.model.WeightedLogitLoss;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A {@link Classifier} over a DL4J {@link MultiLayerNetwork} or {@link ComputationGraph}.
 *
 * <p>Two helper networks share the original's parameter array: one ends in {@link LogitCrossEntropyLoss}
 * (its output is the logits, its backprop the loss gradient), the other in {@link WeightedLogitLoss}
 * (backprop of any weighted sum of logits). The input gradient comes from DL4J's
 * {@code calculateGradients}, which returns the gradient with respect to the network input.
 */
public final class Dl4jClassifier implements Classifier, NetworkBacked {

    private final ModelInfo info;
    private final Network network;
    private final Network crossEntropyHead;
    private final Network weightedHead;
    private final InputTransform input;

    private String fallbackReason = "";

    private Dl4jClassifier(ModelInfo info, Network network) {
        this.info = info;
        this.network = network;
        this.crossEntropyHead = network.withLoss(new LogitCrossEntropyLoss());
        this.weightedHead = network.withLoss(new WeightedLogitLoss());
        this.input = new InputTransform(info.input());
    }

    /** Wraps a trained network; {@code info.softmaxOutput()} is recomputed from the network. */
    public static Dl4jClassifier of(MultiLayerNetwork net, ModelInfo info) {
        return new Dl4jClassifier(info, new MultiLayer(net));
    }

    public static Dl4jClassifier of(ComputationGraph graph, ModelInfo info) {
        return new Dl4jClassifier(info, new Graph(graph));
    }

    /** The wrapped DL4J network (a MultiLayerNetwork or a ComputationGraph); shares its parameters. */
    public Object network() {
        return network.unwrap();
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public INDArray logits(INDArray x) {
        return crossEntropyHead.output(input.toNetwork(x));
    }

    @Override
    public INDArray lossGradient(INDArray x, int[] labels) {
        InputTransform.checkBatch(x, labels.length);
        INDArray y = Logits.oneHot(labels, numClasses());
        return input.fromNetworkGradient(crossEntropyHead.inputGradient(input.toNetwork(x), y));
    }

    @Override
    public INDArray logitGradient(INDArray x, INDArray weights) {
        InputTransform.checkBatch(x, weights.rows());
        if (weights.columns() != numClasses()) {
            throw new IllegalArgumentException("weights need " + numClasses() + " columns, got " + weights.columns());
        }
        return input.fromNetworkGradient(weightedHead.inputGradient(input.toNetwork(x),
                weights.castTo(DataType.FLOAT)));
    }

    @Override
    public Classifier copy() {
        Dl4jClassifier c = new Dl4jClassifier(info, network.copy());
        c.fallbackReason = fallbackReason;
        return c;
    }

    /** Says why the gradient engine does not run this network; set once, right after construction. */
    public void explainFallback(String reason) {
        this.fallbackReason = reason;
    }

    @Override
    public ComputePath computePath() {
        return new ComputePath("DL4J", "DL4J", fallbackReason.isEmpty() ? "not on the gradient engine"
                : fallbackReason);
    }

    @Override
    public void close() {
        // DL4J networks hold no resources beyond garbage-collected arrays.
    }

    /** The two DL4J network kinds behind one small interface. */
    private interface Network {
        INDArray output(INDArray x);

        INDArray inputGradient(INDArray x, INDArray labels);

        Network withLoss(ILossFunction loss);

        Network copy();

        Object unwrap();
    }

    private record MultiLayer(MultiLayerNetwork net) implements Network {
        @Override
        public INDArray output(INDArray x) {
            return net.output(x, false);
        }

        @Override
        public INDArray inputGradient(INDArray x, INDArray labels) {
            return net.calculateGradients(x, labels, null, null).getSecond();
        }

        @Override
        public Network withLoss(ILossFunction loss) {
            return new MultiLayer(LogitHead.withLoss(net, loss));
        }

        @Override
        public Network copy() {
            return new MultiLayer(net.clone());
        }

        @Override
        public Object unwrap() {
            return net;
        }
    }

    private record Graph(ComputationGraph graph, InputEpsilon inputEpsilon) implements Network {

        Graph(ComputationGraph graph) {
            this(graph, null);
        }

        @Override
        public INDArray output(INDArray x) {
            return graph.outputSingle(false, x);
        }

        @Override
        public INDArray inputGradient(INDArray x, INDArray labels) {
            // ComputationGraph has no input-gradient API: backprop once and read the epsilon that reached the
            // input vertex. computeGradientAndScore clears the vertices before it returns, so a listener copies
            // the epsilon in onBackwardPass, which runs before that.
            if (inputEpsilon == null) {
                throw new IllegalStateException("input gradients need a head graph made by withLoss");
            }
            graph.setInputs(x);
            graph.setLabels(labels);
            inputEpsilon.captured = null;
            graph.computeGradientAndScore();
            INDArray g = inputEpsilon.captured;
            inputEpsilon.captured = null;
            if (g == null) {
                throw new IllegalStateException("no gradient reached the graph's input vertex");
            }
            return g;
        }

        @Override
        public Network withLoss(ILossFunction loss) {
            ComputationGraph head = LogitHead.withLoss(graph, loss);
            // The backward pass allocates the input epsilon in an activation workspace unless workspaces are off.
            head.getConfiguration().setInferenceWorkspaceMode(org.deeplearning4j.nn.conf.WorkspaceMode.NONE);
            head.getConfiguration().setTrainingWorkspaceMode(org.deeplearning4j.nn.conf.WorkspaceMode.NONE);
            InputEpsilon capture = new InputEpsilon();
            head.setListeners(capture);
            return new Graph(head, capture);
        }

        @Override
        public Network copy() {
            return new Graph(graph.clone());
        }

        @Override
        public Object unwrap() {
            return graph;
        }
    }

    /** Copies the epsilon (loss gradient) at the graph's input vertex at the end of each backward pass. */
    private static final class InputEpsilon extends org.deeplearning4j.optimize.api.BaseTrainingListener {
        private INDArray captured;

        @Override
        public void onBackwardPass(org.deeplearning4j.nn.api.Model model) {
            for (org.deeplearning4j.nn.graph.vertex.GraphVertex v : ((ComputationGraph) model).getVertices()) {
                if (v.isInputVertex() && v.getEpsilon() != null) {
                    captured = v.getEpsilon().dup();
                }
            }
        }
    }
}
