package org.advlens.model;

import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Classifier} that runs a sequential DL4J CNN with ND4J ops directly instead of through
 * {@link MultiLayerNetwork}, and whose backward pass computes only the gradient with respect to the input: no
 * weight gradients, no per-layer workspace and listener machinery. On the bundled Fashion-MNIST CNN this is
 * several times faster than {@link Dl4jClassifier} for the forward + input-gradient passes that attacks repeat.
 *
 * <p>Built by {@link #compile} from the network's configuration (see {@link SequentialCompiler} for the layers
 * it handles); the stages hold the network's own parameter arrays, so changing the network's parameters in place
 * changes this classifier too. Input checks, normalisation and layout are those of {@link Dl4jClassifier}
 * ({@link InputTransform}). Logits are the last layer's pre-activation output.
 *
 * <p>An instance keeps the activations of its last gradient call, so it belongs to one thread at a time;
 * {@link #copy()} compiles a clone of the network for another thread.
 */
public final class CompiledSequentialClassifier implements Classifier, NetworkBacked {

    private static final Logger LOG = LoggerFactory.getLogger(CompiledSequentialClassifier.class);

    private final ModelInfo info;
    private final MultiLayerNetwork network;
    private final List<CompiledStage> stages;
    private final InputTransform input;
    private final DataType dataType;

    private CompiledSequentialClassifier(ModelInfo info, MultiLayerNetwork network, List<CompiledStage> stages) {
        this.info = info;
        this.network = network;
        this.stages = stages;
        this.input = new InputTransform(info.input());
        this.dataType = network.params().dataType();
    }

    /**
     * Compiles {@code net}, or returns empty (and logs why at debug level) if one of its layers or
     * pre-processors is not supported; the caller then falls back to {@link Dl4jClassifier}.
     */
    public static Optional<Classifier> compile(MultiLayerNetwork net, ModelInfo info) {
        SequentialCompiler.Result r = SequentialCompiler.compile(net);
        if (!r.ok()) {
            LOG.debug("{} is not compiled: {}", info.name(), r.unsupported());
            return Optional.empty();
        }
        return Optional.of(new CompiledSequentialClassifier(info, net, r.stages()));
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public Object network() {
        return network;
    }

    @Override
    public INDArray logits(INDArray x) {
        return forward(toNetwork(x), null);
    }

    @Override
    public INDArray lossGradient(INDArray x, int[] labels) {
        InputTransform.checkBatch(x, labels.length);
        INDArray[] tape = new INDArray[stages.size()];
        INDArray z = forward(toNetwork(x), tape);
        INDArray y = Logits.oneHot(labels, numClasses());
        return backward(tape, Logits.softmax(z).subi(y.castTo(z.dataType())));
    }

    @Override
    public INDArray logitGradient(INDArray x, INDArray weights) {
        InputTransform.checkBatch(x, weights.rows());
        if (weights.columns() != numClasses()) {
            throw new IllegalArgumentException("weights need " + numClasses() + " columns, got " + weights.columns());
        }
        INDArray[] tape = new INDArray[stages.size()];
        forward(toNetwork(x), tape);
        return backward(tape, weights.castTo(dataType).dup('c'));
    }

    @Override
    public Classifier copy() {
        MultiLayerNetwork clone = network.clone();
        return new CompiledSequentialClassifier(info, clone, SequentialCompiler.compile(clone).stages());
    }

    @Override
    public void close() {
        // Only garbage-collected arrays.
    }

    /** One line per stage, for logs. */
    public List<String> describeStages() {
        return stages.stream().map(CompiledStage::describe).toList();
    }

    private INDArray toNetwork(INDArray x) {
        INDArray in = input.toNetwork(x);
        return in.dataType() == dataType ? in : in.castTo(dataType);
    }

    /** Runs all stages; with a tape, records each stage's input for {@link #backward}. */
    private INDArray forward(INDArray x, INDArray[] tape) {
        INDArray a = x;
        boolean owned = false; // the first input may be the caller's array
        for (int i = 0; i < stages.size(); i++) {
            CompiledStage stage = stages.get(i);
            if (tape != null) {
                tape[i] = a;
            }
            a = stage.forward(a, owned);
            owned = owned || !stage.passesInputThrough();
        }
        return a;
    }

    private INDArray backward(INDArray[] tape, INDArray gradLogits) {
        INDArray g = gradLogits;
        for (int i = stages.size() - 1; i >= 0; i--) {
            g = stages.get(i).backward(tape[i], g);
        }
        return input.fromNetworkGradient(g);
    }
}
