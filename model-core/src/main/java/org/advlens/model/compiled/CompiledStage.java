package org.advlens.model.compiled;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One step of a {@link CompiledSequentialClassifier}: a layer or pre-processor of a DL4J network, run forward and
 * backward (input gradient only) with ND4J ops. A stage holds no per-call state, so copies of a classifier can
 * share it; what the backward pass needs is the stage's input, which the classifier keeps.
 *
 * <p>Memory rules that let stages skip copies: {@code backward} reads at most the stage's input and its
 * parameters, never its own output, and may write into {@code gradOut}. {@code forward} may overwrite its input
 * only when {@code mayOverwrite} is set; only ReLU does, and {@code relu'(relu(z)) = relu'(z)}, so a ReLU that
 * overwrote its input still computes the right gradient from it.
 */
interface CompiledStage {

    /** The output for input {@code x}; may overwrite {@code x} if {@code mayOverwrite}. */
    INDArray forward(INDArray x, boolean mayOverwrite);

    /** The gradient with respect to the input {@code x}, given the gradient {@code gradOut} of the output. */
    INDArray backward(INDArray x, INDArray gradOut);

    /** Whether the output may be (a view of) the input, so it is no more the stage's to overwrite than the input. */
    default boolean passesInputThrough() {
        return false;
    }

    /** One line for logs and error messages. */
    String describe();
}
