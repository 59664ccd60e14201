package org.advlens.model.compiled;

import java.util.List;
import java.util.Optional;
import org.advlens.model.Classifier;
import org.advlens.model.ComputePath;
import org.advlens.model.InputTransform;
import org.advlens.model.Logits;
import org.advlens.model.ModelInfo;
import org.advlens.model.NetworkBacked;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Classifier} that runs a sequential DL4J CNN with ND4J ops directly instead of through
 * {@link MultiLayerNetwork}, and whose backward pass computes only the gradient with respect to the input: no
 * weight gradients, no per-layer listener and workspace machinery, and every intermediate array of a pass in one
 * reused per-thread workspace. On the bundled Fashion-MNIST CNN it is several times faster than
 * {@link org.advlens.model.dl4j.Dl4jClassifier} for the forward and forward + input-gradient passes that attacks repeat.
 *
 * <p>Built by {@link #compile} from the network's configuration ({@link SequentialCompiler} lists the layers it
 * handles); the stages hold the network's own parameter arrays, so changing the network's parameters in place
 * changes this classifier too. Input checks, normalisation and layout are those of {@link org.advlens.model.dl4j.Dl4jClassifier}
 * ({@link InputTransform}). The logits are the last layer's pre-activation output. Batch norm is differentiated
 * at inference (running statistics), unlike DL4J's {@code calculateGradients}, which uses batch statistics.
 *
 * <p>As the {@link Classifier} contract asks, use an instance from one thread at a time and give another thread
 * a {@link #copy()}: it compiles a clone of the network, so {@link #network()} users on the two threads do not
 * share DL4J's per-call state. Each thread keeps its workspace (sized for at most {@link #MAX_PASS} images)
 * until it ends.
 */
public final class CompiledSequentialClassifier implements Classifier, NetworkBacked {

    private static final Logger LOG = LoggerFactory.getLogger(CompiledSequentialClassifier.class);
    /** Largest batch run in one pass: bounds the workspace each thread keeps (83 MB for the bundled CNN). */
    public static final int MAX_PASS = 256;
    private static final String WORKSPACE_ID = "ADVLENS_COMPILED";
    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private final ModelInfo info;
    private final MultiLayerNetwork network;
    private final List<CompiledStage> stages;
    private final InputTransform input;
    private final DataType dataType;

    private String fallbackReason = "";

    private CompiledSequentialClassifier(ModelInfo info, MultiLayerNetwork network, List<CompiledStage> stages) {
        this.info = info;
        this.network = network;
        this.stages = stages;
        this.input = new InputTransform(info.input());
        this.dataType = network.params().dataType();
    }

    /**
     * Compiles {@code net}, or returns empty (and logs why at debug level) if one of its layers or
     * pre-processors is not supported; the caller then falls back to {@link org.advlens.model.dl4j.Dl4jClassifier}.
     */
    public static Optional<Classifier> compile(MultiLayerNetwork net, ModelInfo info) {
        SequentialCompiler.Result r = SequentialCompiler.compile(net);
        if (!r.ok()) {
            LOG.debug("{} is not compiled: {}", info.name(), r.unsupported());
            return Optional.empty();
        }
        LOG.debug("{} compiled to {}", info.name(), r.stages().stream().map(CompiledStage::describe).toList());
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
        return inPasses(x, (part, from, to) -> {
            try (MemoryWorkspace ws = workspace()) {
                return forward(toNetwork(part), null).detach();
            }
        });
    }

    @Override
    public INDArray lossGradient(INDArray x, int[] labels) {
        InputTransform.checkBatch(x, labels.length);
        INDArray y = Logits.oneHot(labels, numClasses()).castTo(dataType);
        return inPasses(x, (part, from, to) -> {
            try (MemoryWorkspace ws = workspace()) {
                INDArray[] tape = new INDArray[stages.size()];
                INDArray z = forward(toNetwork(part), tape);
                return backward(tape, Logits.softmax(z).subi(rows(y, from, to)));
            }
        });
    }

    @Override
    public INDArray logitGradient(INDArray x, INDArray weights) {
        InputTransform.checkBatch(x, weights.rows());
        if (weights.columns() != numClasses()) {
            throw new IllegalArgumentException("weights need " + numClasses() + " columns, got " + weights.columns());
        }
        return inPasses(x, (part, from, to) -> {
            try (MemoryWorkspace ws = workspace()) {
                INDArray[] tape = new INDArray[stages.size()];
                forward(toNetwork(part), tape);
                return backward(tape, rows(weights, from, to).castTo(dataType).dup('c'));
            }
        });
    }

    /** One pass over rows {@code [from, to)} of the batch, {@code part}; returns a result outside any workspace. */
    private interface Pass {
        INDArray run(INDArray part, long from, long to);
    }

    /** Runs batches larger than {@link #MAX_PASS} in slices, so one pass's workspace stays bounded. */
    private static INDArray inPasses(INDArray x, Pass pass) {
        long n = x.size(0);
        if (n <= MAX_PASS) {
            return pass.run(x, 0, n);
        }
        INDArray out = null;
        for (long from = 0; from < n; from += MAX_PASS) {
            long to = Math.min(n, from + MAX_PASS);
            INDArray part = pass.run(rows(x, from, to), from, to);
            if (out == null) {
                long[] shape = part.shape();
                shape[0] = n;
                out = Nd4j.createUninitialized(part.dataType(), shape);
            }
            rows(out, from, to).assign(part);
        }
        return out;
    }

    private static INDArray rows(INDArray a, long from, long to) {
        return from == 0 && to == a.size(0) ? a : a.get(NDArrayIndex.interval(from, to));
    }

    /**
     * This thread's workspace for one pass: every intermediate array of the pass comes from memory reused across
     * passes. Fresh native arrays cost page faults (about 2 ms per million floats here); without the workspace
     * a forward + gradient pass took about twice the CPU time.
     */
    private static MemoryWorkspace workspace() {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, WORKSPACE_ID);
    }

    @Override
    public Classifier copy() {
        MultiLayerNetwork clone = network.clone();
        CompiledSequentialClassifier c = new CompiledSequentialClassifier(info, clone,
                SequentialCompiler.compile(clone).stages());
        c.fallbackReason = fallbackReason;
        return c;
    }

    /** Says why the gradient engine does not run this network; set once, right after construction. */
    public void explainFallback(String reason) {
        this.fallbackReason = reason;
    }

    @Override
    public ComputePath computePath() {
        return new ComputePath("compiled ND4J layers", "compiled ND4J layers", fallbackReason.isEmpty()
                ? "not on the gradient engine" : fallbackReason);
    }

    @Override
    public void close() {
        // Only garbage-collected arrays.
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
        try (MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return input.fromNetworkGradient(g);
        }
    }
}
