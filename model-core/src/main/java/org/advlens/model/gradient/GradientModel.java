package org.advlens.model.gradient;

/**
 * An ONNX model that computes, in one run, a classifier's logits and the input gradient of an objective on them.
 * Its inputs are the image batch (named {@link #inputName()}, in the network's
 * layout), {@link #CROSS_ENTROPY} and {@link #LOGIT_WEIGHTS}, both {@code [n, classes]}; the objective is
 * {@code sum_i ce_i . (-log softmax(z_i)) + sum_i w_i . z_i}, so one-hot {@code ce} rows give the summed
 * cross-entropy and {@code w} rows any weighted sum of logits (one logit, a margin, a saliency target).
 * Its outputs are {@link #LOGITS} and {@link #INPUT_GRADIENT}.
 *
 * @param bytes the serialised ModelProto
 * @param logitsModel the forward graph alone, with the logits as its output (a final Softmax cut off)
 * @param inputName the image input's name
 * @param inputDims the image dimensions after the batch
 * @param fixedBatch the batch size the model was exported with, or -1 when the batch axis is free
 * @param numClasses the number of logits
 * @param softmaxStripped whether a final Softmax of the original model was cut off
 * @param layers one line per forward node: op, node name and output shape ({@code n} for the batch)
 * @param spatialValues the forward values of image shape {@code [n, c, h, w]} (outputs of convolutions, their
 *                      activations, pooling, batch normalisation and residual sums), input to output: the layers
 *                      whose activations and gradients {@link GradientGraphBuilder#build(byte[], java.util.Map,
 *                      java.util.List)} can add as outputs
 * @param innerValues the values this graph outputs with their gradients ({@link #innerOutput},
 *                    {@link #innerGradientOutput})
 * @param lastConvolution the output of the last convolution, or of the activation right after it; empty if the
 *                        model has none (Grad-CAM's default layer)
 * @param weightInputs the weights that are graph inputs (of both models), with their shapes, by name; empty when
 *                     the weights are constants of the graph
 */
public record GradientModel(byte[] bytes, byte[] logitsModel, String inputName, long[] inputDims, long fixedBatch,
                            int numClasses, boolean softmaxStripped, java.util.List<String> layers,
                            java.util.List<String> spatialValues, java.util.List<String> innerValues,
                            String lastConvolution, java.util.Map<String, long[]> weightInputs) {

    /** The graph output holding the activation of inner value {@code value}. */
    public static String innerOutput(String value) {
        return "advlens_inner/" + value;
    }

    /** The graph output holding the objective's gradient with respect to inner value {@code value}. */
    public static String innerGradientOutput(String value) {
        return "advlens_inner_gradient/" + value;
    }

    public static final String CROSS_ENTROPY = "advlens_cross_entropy_weights";
    public static final String LOGIT_WEIGHTS = "advlens_logit_weights";
    public static final String LOGITS = "advlens_logits";
    public static final String INPUT_GRADIENT = "advlens_input_gradient";

    public GradientModel {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("empty gradient model");
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be positive, got " + numClasses);
        }
        inputDims = inputDims.clone();
        layers = java.util.List.copyOf(layers);
        spatialValues = java.util.List.copyOf(spatialValues);
        innerValues = java.util.List.copyOf(innerValues);
        lastConvolution = lastConvolution == null ? "" : lastConvolution;
        weightInputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(weightInputs));
    }
}
