package org.advlens.model.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ONNX fixtures written by {@code make_onnx_fixtures.py} and the PyTorch (or numpy) results stored beside
 * each one, so that the tests compare against PyTorch without Python.
 */
public final class OnnxFixtures {

    /** The fixtures that load and have expected results. */
    public static final List<String> MODELS = List.of("plain_cnn", "view_flatten", "padded", "bn_pool", "resnet_block",
            "softmax_head", "mixed_ops", "nhwc_tf_style", "fashion_cnn", "gemm_metadata");

    private OnnxFixtures() {
    }

    public static byte[] bytes(String file) {
        try (InputStream in = OnnxFixtures.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies {@code file} from the test resources into {@code dir} under {@code name}. */
    static Path copy(Path dir, String file, String name) throws IOException {
        Path out = dir.resolve(name);
        Files.write(out, bytes(file));
        return out;
    }

    static OnnxModel model(String name) throws OnnxImportException {
        return OnnxModel.parse(bytes(name + ".onnx"));
    }

    /**
     * PyTorch's results for one fixture: a batch of two inputs in the file's layout (NCHW, or NHWC for the
     * TensorFlow-style model), the logits, and the input gradients of the summed cross-entropy for
     * {@code labels} and of {@code sum(weights * logits)}.
     */
    public record Expected(INDArray input, INDArray logits, int[] labels, INDArray lossGradient, INDArray weights,
                    INDArray logitGradient) {

        /** The input as the engine sees it: NCHW. */
        INDArray pixels(boolean nhwc) {
            return nhwc ? input.permute(0, 3, 1, 2).dup('c') : input;
        }

        INDArray gradientPixels(INDArray g, boolean nhwc) {
            return nhwc ? g.permute(0, 3, 1, 2).dup('c') : g;
        }
    }

    public static Expected expected(String name) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(bytes(name + ".expected.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long[] shape = new long[root.get("input_shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = root.get("input_shape").get(i).asLong();
        }
        INDArray input = array(root.get("input"), shape);
        long n = shape[0];
        INDArray logits = array(root.get("logits"), n, root.get("logits").size() / n);
        int[] labels = new int[root.get("labels").size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = root.get("labels").get(i).asInt();
        }
        return new Expected(input, logits, labels, array(root.get("loss_gradient"), shape),
                array(root.get("weights"), logits.shape()), array(root.get("logit_gradient"), shape));
    }

    private static INDArray array(JsonNode values, long... shape) {
        float[] f = new float[values.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values.get(i).asDouble();
        }
        return Nd4j.create(f, shape, 'c').castTo(DataType.FLOAT);
    }

    /** {@code max |actual - expected| / max |expected|}: the error relative to the tensor's scale. */
    public static double relativeError(INDArray actual, INDArray expected) {
        INDArray a = actual.castTo(DataType.DOUBLE);
        INDArray e = expected.castTo(DataType.DOUBLE);
        double scale = Math.max(1e-12, e.amaxNumber().doubleValue());
        return a.sub(e).amaxNumber().doubleValue() / scale;
    }
}
