package org.advlens.app.session;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.advlens.data.Images;
import org.advlens.model.ModelInfo;

/**
 * What a kept result was computed on: the model (its file's SHA-256) and the image (the SHA-256 of its fitted
 * pixels and shape). A result is shown again only on a model and image with the same stamp.
 *
 * @param model the model's identity: its file hash, or for a model without a file its name and size
 * @param image the hash of the image's pixels as the model saw them
 */
public record ResultStamp(String model, String image) {

    public ResultStamp {
        if (model == null || model.isBlank() || image == null || image.isBlank()) {
            throw new IllegalArgumentException("a result stamp needs a model and an image hash, got " + model + ", "
                    + image);
        }
    }

    public static ResultStamp of(ModelInfo model, Images fitted) {
        return new ResultStamp(modelId(model), imageHash(fitted));
    }

    /** The model file's SHA-256; a model built in memory (no file) by its name and parameter count. */
    public static String modelId(ModelInfo model) {
        return model.sha256().isEmpty() ? "in-memory:" + model.name() + ":" + model.parameterCount()
                : model.sha256();
    }

    /** The SHA-256 of the batch's shape and the bits of its pixel values. */
    public static String imageHash(Images images) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(16 + 4 * images.pixels().length);
            b.putInt(images.count()).putInt(images.channels()).putInt(images.height()).putInt(images.width());
            for (float v : images.pixels()) {
                b.putInt(Float.floatToIntBits(v));
            }
            return HexFormat.of().formatHex(sha.digest(b.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
