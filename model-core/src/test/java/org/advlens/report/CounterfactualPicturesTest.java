package org.advlens.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.List;
import org.advlens.counterfactual.Counterfactual;
import org.advlens.counterfactual.PathPoint;
import org.advlens.data.Images;
import org.junit.jupiter.api.Test;

class CounterfactualPicturesTest {

    private static final Images ORIGINAL = new Images(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 1, 1, 2, 2);
    private static final Images CHANGED = new Images(new float[] {0.1f, 0.9f, 0.3f, 0.4f}, 1, 1, 2, 2);

    private static Counterfactual withPath(List<PathPoint> path) {
        return new Counterfactual("pixel", ORIGINAL, CHANGED, 0, 1, 1, true, true, new float[] {0.8f, 0.2f},
                new float[] {0.3f, 0.7f}, 3, path);
    }

    @Test
    void aSearchWithoutAPathShowsTheOriginalAndTheCounterfactual() {
        // given a counterfactual whose search recorded no path, and the same one with that two-point path
        Counterfactual none = withPath(List.of());
        Counterfactual two = withPath(List.of(new PathPoint(0, ORIGINAL, new float[] {0.8f, 0.2f}),
                new PathPoint(3, CHANGED, new float[] {0.3f, 0.7f})));

        // when both strips are drawn
        BufferedImage a = CounterfactualPictures.path(none, 0, 1, 10);
        BufferedImage b = CounterfactualPictures.path(two, 0, 1, 10);

        // then the empty path draws the original and the counterfactual, as the two-point path does
        assertEquals(2 * (20 + 4), a.getWidth());
        assertEquals(b.getWidth(), a.getWidth());
        assertEquals(b.getHeight(), a.getHeight());
        assertArrayEquals(b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()),
                a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()));
    }
}
