package org.advlens.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.advlens.render.ColourMaps;
import org.junit.jupiter.api.Test;

class ImageRendererTest {

    @Test
    void theAttackHeatmapUsesTheSaliencyMapsDivergingScale() {
        // given values across the signed range, then the heatmap colour is the saliency maps' RdBu colour
        for (float v : new float[] {-1f, -0.5f, -0.01f, 0f, 0.3f, 1f, 2f}) {
            assertEquals(ColourMaps.diverging(v), ImageRenderer.divergingColour(v), "value " + v);
        }
        // and the ends and the middle are blue, white and red
        assertEquals(0xFF2166AC, ImageRenderer.divergingColour(-1f));
        assertEquals(0xFFF7F7F7, ImageRenderer.divergingColour(0f));
        assertEquals(0xFFB2182B, ImageRenderer.divergingColour(1f));
        assertEquals(0xFFF7F7F7, ImageRenderer.divergingColour(Float.NaN));
    }
}
