package org.advlens.app.robustness;

import java.awt.image.BufferedImage;
import org.advlens.eval.CorruptionEvaluation;

/**
 * A corruption evaluation with its gallery: one image under every corruption and severity of the run, each
 * captioned with the model's prediction.
 *
 * @param evaluation the engine's result
 * @param gallery the gallery picture
 * @param galleryImage which image the gallery shows
 */
public record CorruptionOutcome(CorruptionEvaluation.Result evaluation, BufferedImage gallery, String galleryImage) {

    public CorruptionOutcome {
        if (evaluation == null || gallery == null) {
            throw new IllegalArgumentException("a corruption outcome needs its evaluation and gallery");
        }
    }
}
