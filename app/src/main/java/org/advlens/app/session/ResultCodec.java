package org.advlens.app.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.advlens.app.common.ImageItem;
import org.advlens.model.ModelInfo;

/**
 * How one view's finished result is kept by the session: written as JSON, and read back onto the image and model
 * it was computed on (which the session has checked by their {@link ResultStamp}).
 *
 * @param <T> the view's result
 */
public interface ResultCodec<T> {

    /** The image the result was computed on. */
    ImageItem image(T result);

    /** The model the result was computed on. */
    ModelInfo model(T result);

    /** Writes everything but the image and the model into {@code into}. */
    void write(T result, ObjectNode into);

    /**
     * Reads a result written by {@link #write}.
     *
     * @param image the restored image, the one the result was computed on
     * @param model the restored model's description
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    T read(JsonNode from, ImageItem image, ModelInfo model);
}
