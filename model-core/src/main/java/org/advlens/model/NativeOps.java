package org.advlens.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** Runs a libnd4j custom op by name into a given output array. */
final class NativeOps {

    private NativeOps() {
    }

    static INDArray exec(String op, INDArray output, int[] intArgs, INDArray... inputs) {
        Nd4j.exec(DynamicCustomOp.builder(op).addInputs(inputs).addOutputs(output)
                .addIntegerArguments(intArgs).build());
        return output;
    }
}
