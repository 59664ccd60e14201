package org.advlens.model.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.advlens.model.ChannelOrder;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.model.LayerSummary;
import org.advlens.model.LogitHead;
import org.advlens.model.ModelDescription;
import org.advlens.model.ModelFormat;
import org.advlens.model.ModelInfo;
import org.advlens.model.ModelLoadException;
import org.advlens.model.NetworkInput;
import org.advlens.model.dl4j.Dl4jClassifier;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads classifiers from model files: DL4J model zips (MultiLayerNetwork or ComputationGraph, written by
 * {@code ModelSerializer}), Keras 2 HDF5 files and ONNX models. The format is told from the first bytes
 * ({@code PK} for a zip, {@code \x89HDF} for HDF5); ONNX has no magic bytes, so a file named {@code *.onnx} or
 * any other file that parses as an ONNX ModelProto is loaded as ONNX ({@link OnnxLoader}, which also says where an
 * ONNX model's description comes from).
 *
 * <p>The {@link ModelDescription} (input description and class names) comes from, in this order: the override
 * argument; the zip entry {@value ModelDescription#ZIP_ENTRY}; a side file {@code <model file name>.json}; and
 * defaults read from the network (see {@link NetworkInput}) with classes {@code "class 0"}... Every load ends
 * with one forward pass on a blank image, so a description that does not fit the network fails here, with a
 * message, rather than in the middle of an attack.
 */
public final class ModelLoader {

    /** Class-path location of the bundled default model. */
    public static final String BUNDLED_MODEL = "/advlens/models/fashion-cnn.zip";
    /** The bundled adversarially trained model, on the class path. */
    public static final String BUNDLED_ROBUST_MODEL = "/advlens/models/fashion-cnn-robust.zip";
    /** The bundled defensively distilled model (a defence that only hides the gradient), on the class path. */
    public static final String BUNDLED_DISTILLED_MODEL = "/advlens/models/fashion-cnn-distilled.zip";

    private static final Logger LOG = LoggerFactory.getLogger(ModelLoader.class);
    /** The largest configuration.json read from a DL4J zip, uncompressed: 64 MiB. */
    static final int MAX_CONFIGURATION_BYTES = 64 << 20;
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private ModelLoader() {
    }

    /** Loads a model file with its embedded, side-file or inferred description. */
    public static Classifier load(Path file) throws ModelLoadException {
        return load(file, null);
    }

    /**
     * Loads a model file, using {@code override} (when not {@code null}) instead of any stored description: the
     * application's "edit input description" feature.
     */
    public static Classifier load(Path file, ModelDescription override) throws ModelLoadException {
        return load(file, override, file.toAbsolutePath().toString(), engineEnabled());
    }

    /** The environment variable (or, as a system property, {@code advlens.gradientEngine}) that can turn it off. */
    public static final String ENGINE_VARIABLE = "ADVLENS_GRADIENT_ENGINE";

    /**
     * Whether models load on the gradient engine: yes unless {@value #ENGINE_VARIABLE} (or the system property
     * {@code advlens.gradientEngine}) is {@code off}, which keeps every model on its reference path, for comparing
     * results.
     */
    public static boolean engineEnabled() {
        String v = System.getProperty("advlens.gradientEngine", System.getenv(ENGINE_VARIABLE));
        return v == null || !v.trim().equalsIgnoreCase("off");
    }

    /**
     * Loads a model file on the slower reference paths only (SameDiff for ONNX files, DL4J for DL4J and Keras
     * files), without the gradient engine on ONNX Runtime: for checking the engine against them.
     */
    public static Classifier loadReference(Path file) throws ModelLoadException {
        return load(file, null, file.toAbsolutePath().toString(), false);
    }

    /** Loads the bundled Fashion-MNIST CNN from the class path. */
    public static Classifier bundledDefault() throws ModelLoadException {
        return bundled(BUNDLED_MODEL);
    }

    /**
     * Loads the bundled adversarially trained Fashion-MNIST CNN (same architecture, PGD adversarial training at
     * L-inf 0.1; see its model card) from the class path.
     */
    public static Classifier bundledRobust() throws ModelLoadException {
        return bundled(BUNDLED_ROBUST_MODEL);
    }

    /**
     * Loads the bundled defensively distilled Fashion-MNIST CNN (Papernot et al., "Distillation as a Defense to
     * Adversarial Perturbations against Deep Neural Networks", IEEE S&P 2016; see its model card) from the class
     * path: it resists PGD on the cross-entropy only because its saturated softmax hides the gradient.
     */
    public static Classifier bundledDistilled() throws ModelLoadException {
        return bundled(BUNDLED_DISTILLED_MODEL);
    }

    private static Classifier bundled(String resource) throws ModelLoadException {
        Path name = Path.of(resource.substring(resource.lastIndexOf('/') + 1));
        Path tmp = null;
        try (InputStream in = ModelLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelLoadException(name, "the bundled model " + resource + " is missing from the class"
                        + " path");
            }
            tmp = Files.createTempFile("advlens-", ".zip");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return load(tmp, null, "classpath:" + resource, engineEnabled());
        } catch (IOException e) {
            throw new ModelLoadException(name, "cannot copy the bundled model: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.warn("cannot delete temporary file {}", tmp, e);
                }
            }
        }
    }

    private static Classifier load(Path file, ModelDescription override, String source, boolean engine)
            throws ModelLoadException {
        byte[] head = readHead(file);
        String sha256;
        try {
            sha256 = FileHashes.sha256(file);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e.getMessage(), e);
        }
        Model net;
        ModelFormat format;
        ModelDescription stored = null;
        InputSpec keras = null;
        if (startsWith(head, ZIP_MAGIC)) {
            ModelZipCheck.check(file);
            format = dl4jFormat(file);
            stored = embeddedDescription(file);
            net = restore(file, format);
        } else if (startsWith(head, HDF5_MAGIC)) {
            format = ModelFormat.KERAS;
            KerasImport.Result imported = KerasImport.load(file);
            net = imported.network();
            keras = imported.input();
        } else {
            java.util.Optional<Classifier> onnx = OnnxLoader.tryLoad(file, override, source, sha256, engine);
            if (onnx.isPresent()) {
                return onnx.get();
            }
            throw new ModelLoadException(file, "not a model file (" + describeContent(head) + "); expected a DL4J"
                    + " model zip or a Keras HDF5 (.h5) file, or an ONNX (.onnx) model");
        }
        if (stored == null) {
            stored = sideFileDescription(file);
        }
        ModelDescription description = override != null ? override : stored;
        InputSpec spec = description != null ? description.input() : inferInput(file, net, keras);
        if (net instanceof MultiLayerNetwork mln) {
            NetworkInput.acceptImages(mln, spec);
        }
        long outputs = trialOutputSize(file, net, spec);
        List<String> classes = description != null ? description.classes()
                : ModelDescription.numberedClasses((int) outputs);
        if (classes.size() != outputs) {
            throw new ModelLoadException(file, "the description names " + classes.size() + " classes but the network"
                    + " has " + outputs + " outputs; give one class name per output");
        }
        String name = description != null && description.name() != null ? description.name()
                : String.valueOf(file.getFileName());
        boolean softmax = net instanceof MultiLayerNetwork m ? LogitHead.endsInSoftmax(m)
                : LogitHead.endsInSoftmax((ComputationGraph) net);
        List<String> layers = net instanceof MultiLayerNetwork m ? LayerSummary.of(m.getLayerWiseConfigurations())
                : LayerSummary.of(((ComputationGraph) net).getConfiguration());
        ModelInfo info = new ModelInfo(name, source, sha256, format, spec, classes, net.numParams(), layers, softmax);
        Classifier classifier;
        try {
            if (engine) {
                classifier = net instanceof MultiLayerNetwork m ? Classifiers.forNetwork(m, info)
                        : Classifiers.forGraph((ComputationGraph) net, info);
            } else {
                classifier = net instanceof MultiLayerNetwork m ? Classifiers.referenceFor(m, info)
                        : Dl4jClassifier.of((ComputationGraph) net, info);
            }
        } catch (RuntimeException e) {
            throw new ModelLoadException(file, "the network's last layer is not usable as logits: "
                    + ModelLoadException.rootMessage(e), e);
        }
        try {
            classifier.logits(Nd4j.zeros(DataType.FLOAT, spec.shape(1)).addi((spec.lower() + spec.upper()) / 2));
        } catch (RuntimeException e) {
            throw new ModelLoadException(file, "the network cannot compute logits: " + ModelLoadException.rootMessage(e), e);
        }
        LOG.info("loaded {} ({}, {} parameters, input {}, {} classes, {}, sha256 {})", name, format.displayName(),
                info.parameterCount(), spec, classes.size(), classifier.computePath().describe(), sha256);
        return classifier;
    }

    /** The innermost cause's message, for error texts that should not show a stack of wrappers. */
    private static byte[] readHead(Path file) throws ModelLoadException {
        if (!Files.exists(file)) {
            throw new ModelLoadException(file, "no such file (" + file.toAbsolutePath() + ")");
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(file, "not a file; expected a DL4J model zip or a Keras .h5 file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8);
            if (head.length == 0) {
                throw new ModelLoadException(file, "the file is empty; expected a DL4J model zip or a Keras .h5 file");
            }
            return head;
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static ModelFormat dl4jFormat(Path file) throws ModelLoadException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry conf = zip.getEntry("configuration.json");
            if (conf == null || zip.getEntry("coefficients.bin") == null) {
                throw new ModelLoadException(file, "a zip file but not a DL4J model: it has no configuration.json and"
                        + " coefficients.bin (save the network with ModelSerializer.writeModel)");
            }
            byte[] text;
            try (InputStream in = zip.getInputStream(conf)) {
                text = in.readNBytes(MAX_CONFIGURATION_BYTES + 1);
            }
            if (text.length > MAX_CONFIGURATION_BYTES) {
                throw new ModelLoadException(file, "configuration.json inflates to more than "
                        + (MAX_CONFIGURATION_BYTES >> 20) + " MiB; a DL4J configuration is a few KB to a few MB"
                        + " (a zip bomb?)");
            }
            JsonNode json;
            try {
                json = new ObjectMapper().readTree(text);
            } catch (IOException e) {
                throw new ModelLoadException(file, "configuration.json is not valid JSON: " + e.getMessage(), e);
            }
            if (json != null && json.has("vertices")) {
                return ModelFormat.DL4J_GRAPH;
            }
            if (json != null && json.has("confs")) {
                return ModelFormat.DL4J_MULTILAYER;
            }
            throw new ModelLoadException(file, "configuration.json describes neither a MultiLayerNetwork (\"confs\")"
                    + " nor a ComputationGraph (\"vertices\")");
        } catch (ModelLoadException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelLoadException(file, "corrupt or truncated zip file: " + e.getMessage(), e);
        }
    }

    private static Model restore(Path file, ModelFormat format) throws ModelLoadException {
        try {
            return format == ModelFormat.DL4J_GRAPH ? ModelSerializer.restoreComputationGraph(file.toFile(), false)
                    : ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (Exception | ExceptionInInitializerError e) {
            String m = ModelLoadException.rootMessage(e);
            String problem = m.contains("Could not resolve type id") || m.contains("InvalidTypeId")
                    ? "unsupported layer or configuration (written by another DL4J version?): " + m
                    : "cannot read the " + format.displayName() + ": " + m;
            throw new ModelLoadException(file, problem, e);
        }
    }

    private static ModelDescription embeddedDescription(Path file) throws ModelLoadException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(ModelDescription.ZIP_ENTRY);
            if (entry == null) {
                return null;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return ModelDescription.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(file, "invalid embedded " + ModelDescription.ZIP_ENTRY + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelLoadException(file, "corrupt or truncated zip file: " + e.getMessage(), e);
        }
    }

    static ModelDescription sideFileDescription(Path file) throws ModelLoadException {
        Path side = file.resolveSibling(file.getFileName() + ".json");
        if (!Files.isRegularFile(side)) {
            return null;
        }
        try {
            return ModelDescription.read(side);
        } catch (IOException e) {
            throw new ModelLoadException(file, "bad description file: " + e.getMessage(), e);
        }
    }

    private static InputSpec inferInput(Path file, Model net, InputSpec fromKeras) throws ModelLoadException {
        if (fromKeras != null) {
            return fromKeras;
        }
        try {
            return net instanceof MultiLayerNetwork m ? NetworkInput.infer(m)
                    : NetworkInput.infer((ComputationGraph) net);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(file, e.getMessage() + "; give an input description (a "
                    + file.getFileName() + ".json file next to it)", e);
        }
    }

    /** Runs the raw network on one blank image in its own layout and returns its output size. */
    private static long trialOutputSize(Path file, Model net, InputSpec spec) throws ModelLoadException {
        long[] shape = spec.layout() == ChannelOrder.NHWC
                ? new long[] {1, spec.height(), spec.width(), spec.channels()} : spec.shape(1);
        INDArray x = Nd4j.zeros(DataType.FLOAT, shape);
        INDArray out;
        try {
            out = net instanceof MultiLayerNetwork m ? m.output(x, false)
                    : ((ComputationGraph) net).outputSingle(false, x);
        } catch (RuntimeException e) {
            throw new ModelLoadException(file, "the network does not accept input " + spec + ": " + ModelLoadException.rootMessage(e)
                    + "; check the input description", e);
        }
        if (out.rank() != 2) {
            throw new ModelLoadException(file, "the network's output has shape " + Arrays.toString(out.shape())
                    + "; a classifier needs [batch, classes]");
        }
        return out.size(1);
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(Arrays.copyOf(head, magic.length), magic);
    }

    private static String describeContent(byte[] head) {
        if (startsWith(head, new byte[] {(byte) 0x89, 'P', 'N', 'G'})) {
            return "it is a PNG image";
        }
        if (startsWith(head, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return "it is a JPEG image";
        }
        if (startsWith(head, new byte[] {0x1f, (byte) 0x8b})) {
            return "it is gzip-compressed data";
        }
        List<String> hex = new ArrayList<>();
        boolean text = true;
        for (byte b : head) {
            hex.add(String.format("%02x", b));
            text &= b == '\n' || b == '\r' || b == '\t' || (b >= 0x20 && b < 0x7f) || b < 0;
        }
        return text ? "it looks like text" : "it starts with bytes " + String.join(" ", hex);
    }
}
