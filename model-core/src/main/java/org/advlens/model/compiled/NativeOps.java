package org.advlens.model.compiled;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Runs libnd4j custom ops by name into a given output array, with or without the native build's platform
 * helpers (oneDNN in the {@code linux-x86_64-onednn-avx2} build of nd4j-native).
 */
final class NativeOps {

    /** Whether the loaded native build has oneDNN and ND4J may use it. */
    static final boolean ONE_DNN = Nd4j.getEnvironment().helpersAllowed()
            && NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");

    private NativeOps() {
    }

    static INDArray exec(String op, INDArray output, int[] intArgs, INDArray... inputs) {
        return exec(op, true, output, intArgs, inputs);
    }

    /**
     * @param helpers whether a oneDNN implementation may run the op; off for configurations it gets wrong (in
     *                1.0.0-M2.1 it rejects dilated convolutions and silently miscomputes dilated pooling)
     */
    static INDArray exec(String op, boolean helpers, INDArray output, int[] intArgs, INDArray... inputs) {
        DynamicCustomOp custom = DynamicCustomOp.builder(op).addInputs(inputs).addOutputs(output)
                .addIntegerArguments(intArgs).build();
        if (helpers || !ONE_DNN) {
            Nd4j.exec(custom);
            return output;
        }
        try (OpContext context = Nd4j.getExecutioner().buildContext()) {
            context.setInputArrays(inputs);
            context.setOutputArrays(output);
            context.setIArguments(Arrays.stream(intArgs).asLongStream().toArray());
            context.allowHelpers(false);
            Nd4j.getExecutioner().exec(custom, context);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot release the context of op " + op, e);
        }
        return output;
    }
}
