package org.advlens.model.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.advlens.model.ChannelOrder;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelLoadException;
import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.DataType;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.global.hdf5;
import org.bytedeco.javacpp.BytePointer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.KerasSequentialModel;
import org.deeplearning4j.nn.modelimport.keras.config.KerasModelConfiguration;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a Keras 2 HDF5 model (saved with {@code model.save("file.h5")}) with DL4J's Keras import, without
 * enforcing the training configuration. A Sequential model becomes a MultiLayerNetwork, a functional one a
 * ComputationGraph. Imported networks expect NHWC input, so the inferred input description says NHWC.
 *
 * <p>The four root attributes ({@code model_config}, {@code training_config}, {@code keras_version},
 * {@code backend}) are read here, each with a buffer of exactly the size its HDF5 type and dataspace announce
 * (bounded by the file's size), and handed to DL4J's model builder as text. DL4J's own reading
 * ({@code KerasModelBuilder.modelHdf5Filename}) does not know the size: it reads into a 2 KiB buffer (5 bytes for
 * the version) and, while the text does not parse as JSON, retries with four times the buffer up to 256 MiB, so a
 * file whose configuration is corrupt took about 14 s and some 430 MiB each of Java arrays, native buffers and
 * strings before it was refused, and an attribute longer than the buffer is written past it by the native library.
 * For the same reason every layer's {@code weight_names} attribute, which DL4J's weight import reads into a 2,000-byte
 * buffer, is checked here first, and refused when it is longer or not a fixed-length string.
 *
 * <p>When DL4J's import fails it can leave objects of the file open (a group, an attribute), which keep the file
 * open; every object of the private copy still open after the import is closed, so that the copy is deleted at once.
 */
final class KerasImport {

    private static final Logger LOG = LoggerFactory.getLogger(KerasImport.class);
    /** The largest configuration attribute read, in bytes: a Keras model_config is a few KB to a few MB. */
    static final long MAX_CONFIG_BYTES = 64L << 20;
    /** The largest version or backend attribute read ("2.2.4", "tensorflow"). */
    static final long MAX_NAME_BYTES = 64;
    /**
     * The largest {@code weight_names} attribute of a layer read: DL4J's {@code KerasModelUtils.importWeights} reads
     * it with {@code Hdf5Archive.readAttributeAsString}, in the attribute's own type, into a first buffer of 2,000
     * bytes, so a longer attribute would be written past that buffer by the native library.
     */
    static final long MAX_WEIGHT_NAMES_BYTES = 2000;
    private static final String WEIGHT_NAMES = "weight_names";

    /** The imported network and the input description read from the Keras configuration (or {@code null}). */
    record Result(Model network, InputSpec input) {
    }

    /** The root attributes DL4J's import needs, as text. */
    private record Attributes(String modelConfig, String trainingConfig, String kerasVersion, String backend) {
    }

    private KerasImport() {
    }

    /**
     * Imports {@code file} from a private copy: when DL4J's import fails it can leave HDF5 objects open, and the HDF5
     * library keeps a file with open objects open after it is closed and hands it, with its old content, to the next
     * open of the same file. A copy per load means no later load, of this file or a corrected one written over it,
     * can see that stale state.
     */
    static Result load(Path file) throws ModelLoadException {
        return load(file, null);
    }

    /** As {@link #load(Path)}, with the private copy in {@code copyDir} (the default temporary folder if null). */
    static Result load(Path file, Path copyDir) throws ModelLoadException {
        Path copy;
        try {
            copy = copyDir == null ? Files.createTempFile("advlens-keras-", ".h5")
                    : Files.createTempFile(copyDir, "advlens-keras-", ".h5");
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot create a temporary copy to import from: " + e.getMessage(), e);
        }
        try {
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            return importCopy(file, copy);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e.getMessage(), e);
        } finally {
            try {
                Hdf5OpenObjects.closeAll(copy);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("cannot close the HDF5 objects left open in {}", copy, e);
            }
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                LOG.warn("cannot delete the temporary copy {} of {}", copy, file, e);
            }
        }
    }

    /** Imports the bytes of {@code copy}, naming {@code file} in messages. */
    private static Result importCopy(Path file, Path copy) throws ModelLoadException {
        KerasModelConfiguration names = new KerasModelConfiguration();
        Attributes attributes = readAttributes(file, copy, names);
        JsonNode root = parseJson(file, names.getTrainingModelConfigAttribute(), attributes.modelConfig());
        if (attributes.trainingConfig() != null) {
            parseJson(file, names.getTrainingTrainingConfigAttribute(), attributes.trainingConfig());
        }
        if (!root.isObject()) {
            throw new ModelLoadException(file, "the Keras model_config is " + root.getNodeType() + ", not a JSON"
                    + " object");
        }
        ObjectNode modelJson = ((ObjectNode) root).deepCopy();
        modelJson.put(names.getFieldKerasVersion(), attributes.kerasVersion());
        if (attributes.kerasVersion().startsWith("2")) {
            modelJson.put(names.getFieldBackend(), attributes.backend());
        }
        boolean sequential = "Sequential".equals(root.path("class_name").asText(""));
        try {
            return new Result(importNetwork(copy, sequential, modelJson.toString(), attributes), inputSpec(root));
        } catch (UnsupportedKerasConfigurationException e) {
            throw new ModelLoadException(file, "unsupported Keras layer or setting: " + ModelLoadException.rootMessage(e), e);
        } catch (InvalidKerasConfigurationException e) {
            throw new ModelLoadException(file, "invalid Keras model: " + ModelLoadException.rootMessage(e), e);
        } catch (Exception e) {
            throw new ModelLoadException(file, "cannot import the Keras model: " + ModelLoadException.rootMessage(e), e);
        }
    }

    /**
     * What {@code KerasModelImport.importKeras(Sequential)ModelAndWeights(file, false)} does, with the attributes
     * read here: the weights come from the same file, under the root that DL4J's builder uses for a whole model. The
     * builder, and with it the HDF5 file, is closed whether the import succeeds or fails (DL4J's method leaves the
     * file open when building the model fails).
     */
    private static Model importNetwork(Path file, boolean sequential, String modelJson, Attributes attributes)
            throws Exception {
        KerasModel model = sequential ? new KerasSequentialModel() : new KerasModel();
        try (KerasModelBuilder builder = model.modelBuilder()) {
            Hdf5Archive archive = new Hdf5Archive(file.toString());
            builder.setWeightsArchive(archive);
            builder.setTrainingArchive(archive);
            builder.setWeightsRoot(builder.getConfig().getTrainingWeightsRoot());
            builder.modelJson(modelJson).enforceTrainingConfig(false);
            if (attributes.trainingConfig() != null) {
                builder.trainingJson(attributes.trainingConfig());
            }
            return sequential ? builder.buildSequential().getMultiLayerNetwork()
                    : builder.buildModel().getComputationGraph();
        }
    }

    private static Attributes readAttributes(Path file, Path copy, KerasModelConfiguration names)
            throws ModelLoadException {
        long fileBytes;
        try {
            fileBytes = Files.size(copy);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e.getMessage(), e);
        }
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            H5File h5 = null;
            try {
                h5 = new H5File(copy.toString(), hdf5.H5F_ACC_RDONLY());
                String modelConfig = names.getTrainingModelConfigAttribute();
                if (!h5.attrExists(modelConfig)) {
                    throw new ModelLoadException(file, "an HDF5 file without a Keras model (no model_config"
                            + " attribute); expected a whole Keras model saved with model.save(\"file.h5\"), not only"
                            + " its weights");
                }
                String version = names.getFieldKerasVersion();
                if (!h5.attrExists(version)) {
                    throw new ModelLoadException(file, "an HDF5 file with a model_config but no " + version
                            + " attribute; expected a Keras model saved with model.save(\"file.h5\")");
                }
                checkWeightNames(file, h5, names.getTrainingWeightsRoot());
                String kerasVersion = readString(file, h5, version, Math.min(MAX_NAME_BYTES, fileBytes));
                String training = names.getTrainingTrainingConfigAttribute();
                String backend = names.getFieldBackend();
                long configBound = Math.min(MAX_CONFIG_BYTES, fileBytes);
                return new Attributes(readString(file, h5, modelConfig, configBound),
                        h5.attrExists(training) ? readString(file, h5, training, configBound) : null,
                        kerasVersion, kerasVersion.startsWith("2")
                                ? readString(file, h5, backend, Math.min(MAX_NAME_BYTES, fileBytes)) : null);
            } catch (ModelLoadException e) {
                throw e;
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                throw new ModelLoadException(file, "cannot read the HDF5 file: " + ModelLoadException.rootMessage(e), e);
            } finally {
                if (h5 != null) {
                    h5.deallocate();
                }
            }
        }
    }

    /**
     * Reads a fixed-length string attribute into a buffer of the size its type and dataspace announce, refusing
     * a size over {@code maxBytes}; the text ends at the first NUL.
     */
    private static String readString(Path file, H5File h5, String name, long maxBytes) throws ModelLoadException {
        return readString(file, h5, name, name, 1, maxBytes, "the file is corrupt");
    }

    /**
     * Checks the {@code weight_names} attribute of every layer group under {@code root} (the groups DL4J's weight
     * import reads it from) before DL4J reads it into its 2,000-byte buffer; a layer without the attribute is left
     * to DL4J, which refuses it.
     */
    private static void checkWeightNames(Path file, H5File h5, String root) throws ModelLoadException {
        if (hdf5.H5Lexists(h5.getId(), root, hdf5.H5P_DEFAULT()) <= 0) {
            return;
        }
        Group weights = h5.openGroup(root);
        try {
            long count = weights.getNumObjs();
            for (long i = 0; i < count; i++) {
                String layer;
                int objectType;
                try (BytePointer name = weights.getObjnameByIdx(i)) {
                    layer = name.getString();
                    objectType = weights.childObjType(name);
                }
                if (objectType != hdf5.H5O_TYPE_GROUP) {
                    continue;
                }
                Group group = weights.openGroup(layer);
                try {
                    if (group.attrExists(WEIGHT_NAMES)) {
                        readString(file, group, WEIGHT_NAMES, WEIGHT_NAMES + " of the layer " + layer, 0,
                                MAX_WEIGHT_NAMES_BYTES, "DL4J's Keras import reads at most " + MAX_WEIGHT_NAMES_BYTES);
                    }
                } finally {
                    group.deallocate();
                }
            }
        } finally {
            weights.deallocate();
        }
    }

    /**
     * Reads the fixed-length string attribute {@code name} of {@code owner} (called {@code label} in messages), of at
     * least {@code minPoints} strings, into a buffer of the size its type and dataspace announce, refusing a size over
     * {@code maxBytes} (with {@code why} in the message); the text ends at the first NUL.
     */
    private static String readString(Path file, Group owner, String name, String label, long minPoints, long maxBytes,
            String why) throws ModelLoadException {
        Attribute attribute = owner.openAttribute(name);
        DataType type = null;
        try {
            type = attribute.getDataType();
            if (attribute.getTypeClass() != hdf5.H5T_STRING || type.isVariableStr()) {
                throw new ModelLoadException(file, "the attribute " + label + " is not a fixed-length string, as"
                        + " Keras writes it (HDF5 type class " + attribute.getTypeClass() + ")");
            }
            long points;
            try (DataSpace space = attribute.getSpace()) {
                points = space.getSimpleExtentNpoints();
            }
            long length = type.getSize();
            if (points < minPoints || length < 1 || length > maxBytes || points > maxBytes / length) {
                throw new ModelLoadException(file, "the attribute " + label + " announces " + points + " string(s) of "
                        + length + " bytes; at most " + maxBytes + " bytes are expected (" + why + ")");
            }
            if (points == 0) {
                return "";
            }
            int bytes = (int) (points * length);
            try (BytePointer buffer = new BytePointer(bytes)) {
                attribute.read(type, buffer);
                byte[] text = new byte[bytes];
                buffer.get(text);
                int end = 0;
                while (end < text.length && text[end] != 0) {
                    end++;
                }
                return new String(text, 0, end, StandardCharsets.UTF_8);
            }
        } finally {
            if (type != null) {
                type.deallocate();
            }
            attribute.deallocate();
        }
    }

    private static JsonNode parseJson(Path file, String attribute, String text) throws ModelLoadException {
        try {
            JsonNode node = new ObjectMapper().readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new ModelLoadException(file, "the Keras " + attribute + " is empty; expected JSON");
            }
            return node;
        } catch (IOException e) {
            throw new ModelLoadException(file, "the Keras " + attribute + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Input description from the first {@code batch_input_shape} [null, h, w, c] of the config, or null. */
    private static InputSpec inputSpec(JsonNode root) {
        JsonNode shape = root.findValue("batch_input_shape");
        if (shape == null || !shape.isArray()) {
            return null;
        }
        if (shape.size() == 4) {
            int h = shape.get(1).asInt(-1);
            int w = shape.get(2).asInt(-1);
            int c = shape.get(3).asInt(-1);
            if (h > 0 && w > 0 && (c == 1 || c == 3)) {
                return new InputSpec(c, h, w, ChannelOrder.NHWC, 0, 1, null, null);
            }
        }
        return null;
    }
}
