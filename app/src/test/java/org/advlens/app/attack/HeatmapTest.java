package org.advlens.app.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.advlens.data.Images;
import org.junit.jupiter.api.Test;

class HeatmapTest {

    @Test
    void changesAreSummedOverChannelsAndScaledToOne() {
        // given a 2-channel 1x2 image whose first pixel rises by 0.1+0.1 and second falls by 0.1 in one channel
        Images clean = new Images(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, 1, 2, 1, 2);
        Images adv = new Images(new float[] {0.6f, 0.4f, 0.6f, 0.5f}, 1, 2, 1, 2);
        // when making the heatmap
        Heatmap h = Heatmap.of(clean, adv);
        // then the largest summed change (0.2) maps to 1, the other to -0.5
        assertEquals(0.2, h.scale(), 1e-6);
        assertArrayEquals(new float[] {1f, -0.5f}, h.values(), 1e-5f);
    }

    @Test
    void noChangeGivesZeros() {
        Images clean = new Images(new float[] {0.1f, 0.2f}, 1, 1, 1, 2);
        Heatmap h = Heatmap.of(clean, clean);
        assertEquals(0, h.scale());
        assertArrayEquals(new float[] {0, 0}, h.values());
    }
}
