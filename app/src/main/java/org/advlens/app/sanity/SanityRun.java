package org.advlens.app.sanity;

import org.advlens.data.Images;
import org.advlens.model.InputSpec;
import org.advlens.saliency.sanity.SanityCheckResult;

/**
 * A finished sanity check with what the grid and the export need besides the result.
 *
 * @param result the engine's result
 * @param images the images the maps were computed for
 * @param input the model's input description (pixel bounds for drawing the images)
 * @param data where the images came from, for provenance
 * @param note one line about the run, e.g. how well the permuted-label model memorised its labels; may be empty
 */
public record SanityRun(SanityCheckResult result, Images images, InputSpec input, String data, String note) {
}
