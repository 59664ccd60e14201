package org.advlens.model.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.advlens.model.ChannelOrder;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelLoadException;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;

/**
 * Imports a Keras 2 HDF5 model (saved with {@code model.save("file.h5")}) with DL4J's Keras import, without
 * enforcing the training configuration. A Sequential model becomes a MultiLayerNetwork, a functional one a
 * ComputationGraph. Imported networks expect NHWC input, so the inferred input description says NHWC.
 */
final class KerasImport {

    /** The imported network and the input description read from the Keras configuration (or {@code null}). */
    record Result(Model network, InputSpec input) {
    }

    private KerasImport() {
    }

    static Result load(Path file) throws ModelLoadException {
        String config;
        try (Hdf5Archive archive = new Hdf5Archive(file.toString())) {
            if (!archive.hasAttribute("model_config")) {
                throw new ModelLoadException(file, "an HDF5 file without a Keras model (no model_config attribute);"
                        + " expected a whole Keras model saved with model.save(\"file.h5\"), not only its weights");
            }
            config = archive.readAttributeAsJson("model_config");
        } catch (ModelLoadException e) {
            throw e;
        } catch (Exception | UnsatisfiedLinkError e) {
            throw new ModelLoadException(file, "cannot read the HDF5 file: " + ModelLoadException.rootMessage(e), e);
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(config);
        } catch (Exception e) {
            throw new ModelLoadException(file, "the Keras model_config is not valid JSON: " + e.getMessage(), e);
        }
        String kind = root.path("class_name").asText("");
        try {
            Model net = "Sequential".equals(kind)
                    ? KerasModelImport.importKerasSequentialModelAndWeights(file.toString(), false)
                    : KerasModelImport.importKerasModelAndWeights(file.toString(), false);
            return new Result(net, inputSpec(root));
        } catch (UnsupportedKerasConfigurationException e) {
            throw new ModelLoadException(file, "unsupported Keras layer or setting: " + ModelLoadException.rootMessage(e), e);
        } catch (InvalidKerasConfigurationException e) {
            throw new ModelLoadException(file, "invalid Keras model: " + ModelLoadException.rootMessage(e), e);
        } catch (Exception e) {
            throw new ModelLoadException(file, "cannot import the Keras model: " + ModelLoadException.rootMessage(e), e);
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
