package org.advlens.model.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.advlens.model.ChannelOrder;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelDescription;
import org.advlens.model.ModelFormat;
import org.advlens.model.ModelInfo;
import org.advlens.model.ModelLoadException;
import org.advlens.model.gradient.GradientModel;
import org.advlens.model.onnx.DifferentiableGraph;
import org.advlens.model.onnx.OnnxGraphImporter;
import org.advlens.model.onnx.OnnxImportException;
import org.advlens.model.onnx.OnnxModel;
import org.advlens.model.onnx.OnnxValueInfo;
import org.advlens.model.runtime.GradientEngine;
import org.advlens.model.runtime.OnnxClassifier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads ONNX files for {@link ModelLoader}. ONNX has no magic bytes: a file named {@code *.onnx} is read as ONNX
 * (and fails with ONNX's reasons); any other file that is neither a zip nor HDF5 is tried as an ONNX ModelProto
 * when its first byte is {@code 0x08}, the key of {@code ir_version}, which ONNX writers put first.
 *
 * <p>The description comes from, in this order: the override; the {@code metadata_props} entry
 * {@value #METADATA_DESCRIPTION} holding description JSON ({@link ModelDescription}); the side file
 * {@code <model file name>.json}; the metadata entries {@code class_names} (a JSON array or comma-separated),
 * {@code input_bounds} ({@code [lower, upper]}), {@code input_mean} and {@code input_std}; and defaults: the graph
 * input's shape (NCHW if its second dimension is 1 or 3, NHWC if its last is), bounds [0, 1], {@code "class k"}.
 *
 * <p>Before the classifier is handed out, its SameDiff logits are compared with ONNX Runtime's on two probe
 * images, so a translation error fails the load instead of giving wrong gradients.
 */
final class OnnxLoader {

    /** Metadata key whose value is a whole {@link ModelDescription} as JSON. */
    static final String METADATA_DESCRIPTION = "advlens";
    /** Largest relative difference between SameDiff's and ONNX Runtime's logits accepted at load time. */
    static final double AGREEMENT = 1e-3;

    private static final Logger LOG = LoggerFactory.getLogger(OnnxLoader.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private OnnxLoader() {
    }

    static boolean namedOnnx(Path file) {
        return String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    /**
     * Loads the file as ONNX; empty when it is not named {@code .onnx} and does not parse as ONNX, so that the
     * caller can report it as an unknown format.
     */
    static Optional<Classifier> tryLoad(Path file, ModelDescription override, String source, String sha256,
                                        boolean engine) throws ModelLoadException {
        byte[] bytes;
        try {
            if (!namedOnnx(file) && !startsLikeOnnx(file)) {
                return Optional.empty();
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e.getMessage(), e);
        }
        OnnxModel model;
        try {
            model = OnnxModel.parse(bytes);
        } catch (OnnxImportException e) {
            if (!namedOnnx(file)) {
                return Optional.empty();
            }
            throw new ModelLoadException(file, "corrupt or not an ONNX model: " + e.getMessage(), e);
        }
        return Optional.of(load(file, bytes, model, override, source, sha256, engine));
    }

    /**
     * Whether the file starts as ONNX writers start a ModelProto: with its first field, {@code ir_version}
     * (key byte {@code 0x08}). Checked before reading a file of unknown type whole.
     */
    private static boolean startsLikeOnnx(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x08;
        }
    }

    private static Classifier load(Path file, byte[] bytes, OnnxModel model, ModelDescription override,
                                   String source, String sha256, boolean engine) throws ModelLoadException {
        ModelDescription description = override != null ? override : metadataDescription(file, model);
        if (description == null) {
            description = ModelLoader.sideFileDescription(file);
        }
        InputSpec spec = description != null ? description.input() : partialMetadataInput(file, model);
        long[] networkShape = spec.networkShape();
        String name = description != null && description.name() != null ? description.name()
                : String.valueOf(file.getFileName());
        GradientEngine.Attempt attempt = engine ? GradientEngine.build(bytes, networkShape)
                : new GradientEngine.Attempt(null, "reference path requested");
        if (attempt.model() != null) {
            GradientModel gm = attempt.model();
            List<String> classes = classes(file, description, model, gm.numClasses());
            ModelInfo info = new ModelInfo(name, source, sha256, ModelFormat.ONNX, spec, classes,
                    model.graph().parameterCount(), gm.layers(), gm.softmaxStripped());
            GradientEngine.Opened opened = GradientEngine.open(info, gm);
            if (opened.classifier() != null) {
                LOG.info("loaded {} ({}, {}, {} parameters, input {}, {} classes, {}, sha256 {})", name,
                        ModelFormat.ONNX.displayName(), model.producer(), info.parameterCount(), spec, classes.size(),
                        opened.classifier().computePath().describe(), sha256);
                return opened.classifier();
            }
            attempt = new GradientEngine.Attempt(null, opened.fallbackReason());
        }
        if (engine) {
            LOG.warn("{}: the gradient engine on ONNX Runtime is not used ({}); gradients come from SameDiff, which is"
                    + " slower", name, attempt.fallbackReason());
        }
        DifferentiableGraph graph;
        byte[] runtimeBytes;
        try {
            graph = OnnxGraphImporter.importGraph(model, networkShape, DataType.FLOAT);
            runtimeBytes = OnnxGraphImporter.logitsModel(bytes, graph);
        } catch (OnnxImportException e) {
            throw new ModelLoadException(file, e.getMessage(), e);
        }
        List<String> classes = classes(file, description, model, graph.numClasses());
        ModelInfo info = new ModelInfo(name, source, sha256, ModelFormat.ONNX, spec, classes,
                model.graph().parameterCount(), graph.layers(), graph.softmaxStripped());
        OnnxClassifier classifier = OnnxClassifier.create(info, model, graph, runtimeBytes,
                attempt.fallbackReason());
        try {
            checkAgreement(file, classifier);
        } catch (ModelLoadException | RuntimeException e) {
            classifier.close();
            throw e;
        }
        LOG.info("loaded {} ({}, {}, {} parameters, input {}, {} classes, logits by {}, sha256 {})", name,
                ModelFormat.ONNX.displayName(), model.producer(), info.parameterCount(), spec, classes.size(),
                classifier.usesRuntime() ? "ONNX Runtime" : "SameDiff", sha256);
        return classifier;
    }

    /** Runs both forward paths on a mid-grey and a fixed pseudo-random image within the bounds. */
    private static void checkAgreement(Path file, OnnxClassifier c) throws ModelLoadException {
        InputSpec spec = c.inputSpec();
        INDArray probe = Nd4j.zeros(DataType.FLOAT, spec.shape(2));
        probe.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).assign((spec.lower() + spec.upper()) / 2);
        java.util.Random r = new java.util.Random(20241122L);
        INDArray second = probe.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1));
        float[] noise = new float[spec.size()];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (spec.lower() + spec.range() * r.nextDouble());
        }
        second.assign(Nd4j.create(noise, new long[] {spec.channels(), spec.height(), spec.width()}, 'c'));
        INDArray graphLogits;
        try {
            graphLogits = c.graphLogits(probe);
        } catch (RuntimeException e) {
            throw new ModelLoadException(file, "the translated network cannot compute logits for input " + spec + ": "
                    + ModelLoadException.rootMessage(e) + "; check the input description", e);
        }
        if (!c.usesRuntime()) {
            return;
        }
        INDArray runtimeLogits;
        try {
            runtimeLogits = c.logits(probe);
        } catch (RuntimeException e) {
            throw new ModelLoadException(file, "ONNX Runtime cannot run the model on input " + spec + ": "
                    + ModelLoadException.rootMessage(e), e);
        }
        double scale = Math.max(1e-6, runtimeLogits.amaxNumber().doubleValue());
        double diff = graphLogits.sub(runtimeLogits).amaxNumber().doubleValue();
        if (diff / scale > AGREEMENT) {
            throw new ModelLoadException(file, String.format(Locale.ROOT, "the SameDiff translation disagrees with"
                    + " ONNX Runtime (largest logit difference %.3g, relative %.3g), so its gradients would be wrong;"
                    + " please report this model", diff, diff / scale));
        }
    }

    private static List<String> classes(Path file, ModelDescription description, OnnxModel model, int outputs)
            throws ModelLoadException {
        List<String> classes = description != null ? description.classes() : metadataClasses(file, model, outputs);
        if (classes.size() != outputs) {
            throw new ModelLoadException(file, "the description names " + classes.size() + " classes but the model"
                    + " has " + outputs + " outputs; give one class name per output");
        }
        return classes;
    }

    private static ModelDescription metadataDescription(Path file, OnnxModel model) throws ModelLoadException {
        String json = model.metadata().get(METADATA_DESCRIPTION);
        if (json == null) {
            return null;
        }
        try {
            return ModelDescription.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(file, "invalid description in metadata '" + METADATA_DESCRIPTION + "': "
                    + e.getMessage(), e);
        }
    }

    /** The input from the metadata keys input_bounds, input_mean and input_std over the graph's input shape. */
    private static InputSpec partialMetadataInput(Path file, OnnxModel model) throws ModelLoadException {
        InputSpec spec = defaultInput(file, model);
        Map<String, String> meta = model.metadata();
        try {
            if (meta.containsKey("input_bounds")) {
                double[] b = numbers(meta.get("input_bounds"));
                if (b.length != 2) {
                    throw new IllegalArgumentException("input_bounds must be [lower, upper], got "
                            + meta.get("input_bounds"));
                }
                spec = spec.withBounds(b[0], b[1]);
            }
            if (meta.containsKey("input_mean") || meta.containsKey("input_std")) {
                spec = new InputSpec(spec.channels(), spec.height(), spec.width(), spec.layout(), spec.lower(),
                        spec.upper(), numbers(meta.getOrDefault("input_mean", "")),
                        numbers(meta.getOrDefault("input_std", "")));
            }
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(file, "invalid input metadata: " + e.getMessage(), e);
        }
        return spec;
    }

    private static List<String> metadataClasses(Path file, OnnxModel model, int k) throws ModelLoadException {
        String value = model.metadata().get("class_names");
        if (value == null) {
            return ModelDescription.numberedClasses(k);
        }
        List<String> names = new ArrayList<>();
        try {
            JsonNode node = JSON.readTree(value);
            if (node != null && node.isArray()) {
                node.forEach(n -> names.add(n.asText()));
            }
        } catch (IOException e) {
            // not JSON: a comma-separated list
        }
        if (names.isEmpty()) {
            Arrays.stream(value.split(",")).map(String::trim).forEach(names::add);
        }
        if (names.size() != k || names.stream().anyMatch(String::isBlank)) {
            throw new ModelLoadException(file, "metadata class_names gives " + names.size() + " names for " + k
                    + " outputs: " + value);
        }
        return names;
    }

    private static double[] numbers(String text) {
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        try {
            return Arrays.stream(t.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a list of numbers, got '" + text + "'");
        }
    }

    /** The input description the graph's declared input shape implies, with bounds [0, 1]. */
    static InputSpec defaultInput(Path file, OnnxModel model) throws ModelLoadException {
        List<OnnxValueInfo> inputs = model.graph().realInputs();
        String hint = "; give an input description (a " + file.getFileName() + ".json file next to it)";
        if (inputs.size() != 1) {
            throw new ModelLoadException(file, "the model has " + inputs.size() + " inputs; an image classifier has"
                    + " exactly one");
        }
        long[] s = inputs.get(0).shape();
        if (s == null || s.length != 4 || s[1] <= 0 || s[2] <= 0 || s[3] <= 0) {
            throw new ModelLoadException(file, "cannot tell the image size from the model's input "
                    + inputs.get(0) + hint);
        }
        try {
            if (s[1] == 1 || s[1] == 3) {
                return new InputSpec((int) s[1], (int) s[2], (int) s[3], ChannelOrder.NCHW, 0, 1, null, null);
            }
            if (s[3] == 1 || s[3] == 3) {
                return new InputSpec((int) s[3], (int) s[1], (int) s[2], ChannelOrder.NHWC, 0, 1, null, null);
            }
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(file, e.getMessage() + hint, e);
        }
        throw new ModelLoadException(file, "cannot tell the channel axis of the model's input " + inputs.get(0)
                + " (neither 1 nor 3 channels first or last)" + hint);
    }
}
