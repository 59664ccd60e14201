package org.advlens.eval;

import org.advlens.model.Classifier;
import org.advlens.model.Logits;
import org.advlens.data.Images;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model's prediction for one image as plain data.
 *
 * @param predicted index of the most probable class
 * @param probabilities softmax probabilities, one per class
 * @param logits the logits they came from
 */
public record Prediction(int predicted, float[] probabilities, float[] logits) {

    public Prediction {
        if (probabilities.length != logits.length || predicted < 0 || predicted >= probabilities.length) {
            throw new IllegalArgumentException("inconsistent prediction: class " + predicted + " of "
                    + probabilities.length + " probabilities and " + logits.length + " logits");
        }
        probabilities = probabilities.clone();
        logits = logits.clone();
    }

    /** Predictions for every image of the batch. */
    public static Prediction[] of(Classifier model, Images images) {
        INDArray z = model.logits(images.toArray());
        float[][] logits = Logits.rows(z);
        float[][] probs = Logits.rows(Logits.softmax(z));
        int[] pred = Logits.argmax(z);
        Prediction[] out = new Prediction[pred.length];
        for (int i = 0; i < pred.length; i++) {
            out[i] = new Prediction(pred[i], probs[i], logits[i]);
        }
        return out;
    }

    public float confidence() {
        return probabilities[predicted];
    }

    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }

    @Override
    public float[] logits() {
        return logits.clone();
    }
}
