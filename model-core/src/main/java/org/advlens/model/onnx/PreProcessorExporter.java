package org.advlens.model.onnx;

import java.util.List;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;

/**
 * DL4J's reshaping pre-processors between convolutional and dense layers. {@code CnnToFeedForwardPreProcessor}
 * flattens the activations in c order in whatever layout they are held (NCHW or NHWC, as DL4J and Keras do);
 * {@code FeedForwardToCnnPreProcessor} reshapes {@code [N, c*h*w]} to NCHW. Both pass an input through that
 * already has the target rank, as DL4J does. Other pre-processors are refused.
 */
final class PreProcessorExporter {

    private PreProcessorExporter() {
    }

    static ExportedValue apply(OnnxGraphWriter w, InputPreProcessor pre, ExportedValue x) throws OnnxExportException {
        if (pre == null) {
            return x;
        }
        if (pre.getClass() == CnnToFeedForwardPreProcessor.class) {
            if (x.rank() == 2) {
                return x;
            }
            if (x.rank() != 4) {
                throw new OnnxExportException("CnnToFeedForwardPreProcessor on a rank-" + x.rank() + " tensor " + x);
            }
            return w.node("Flatten", new long[] {x.size()}, List.of(x.name()), OnnxGraphWriter.integer("axis", 1));
        }
        if (pre.getClass() == FeedForwardToCnnPreProcessor.class) {
            FeedForwardToCnnPreProcessor p = (FeedForwardToCnnPreProcessor) pre;
            if (x.rank() == 4) {
                return x;
            }
            long[] dims = {p.getNumChannels(), p.getInputHeight(), p.getInputWidth()};
            if (x.rank() != 2 || x.size() != dims[0] * dims[1] * dims[2]) {
                throw new OnnxExportException("FeedForwardToCnnPreProcessor to " + dims[0] + "x" + dims[1] + "x"
                        + dims[2] + " on " + x);
            }
            String shape = w.int64s("shape", -1, dims[0], dims[1], dims[2]);
            return w.node("Reshape", dims, List.of(x.name(), shape));
        }
        throw new OnnxExportException("pre-processor " + pre.getClass().getSimpleName());
    }
}
