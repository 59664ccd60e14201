package org.advlens.app.compare;

import org.advlens.app.common.ImageItem;

/**
 * An image of the data set on which the two compared models predict different classes.
 *
 * @param index its index in the data set
 * @param image the image, ready to become the workspace's image
 * @param first the current model's prediction
 * @param second the compared model's prediction
 */
public record Disagreement(int index, ImageItem image, int first, int second) {
    public Disagreement {
        if (index < 0 || image == null || first == second) {
            throw new IllegalArgumentException("a disagreement needs an image index >= 0, the image and two "
                    + "different predictions, got index " + index + " and classes " + first + ", " + second);
        }
    }
}
