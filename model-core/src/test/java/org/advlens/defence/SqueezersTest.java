package org.advlens.defence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advlens.model.ChannelOrder;
import org.advlens.model.InputSpec;
import org.junit.jupiter.api.Test;

/** Bit-depth reduction and median filtering on hand-made images, with their derivatives. */
class SqueezersTest {

    private static final InputSpec GREY_2X2 = InputSpec.grey(2, 2);
    private static final InputSpec GREY_3X3 = InputSpec.grey(3, 3);

    @Test
    void oneBitThresholdsAtTheMiddleOfTheRange() {
        float[] x = {0.1f, 0.4f, 0.6f, 0.9f};
        assertArrayEquals(new float[] {0, 0, 1, 1}, new BitDepthReduction(1).apply(x, 1, GREY_2X2));
        // exactly half-way rounds to the even level, as NumPy's rint does
        float[] half = {0.5f, 0.5f, 0.5f, 0.5f};
        assertArrayEquals(new float[4], new BitDepthReduction(1).apply(half, 1, GREY_2X2));
        // at two bits 0.5 is 1.5 steps: it rounds to 2 steps, 2/3
        assertArrayEquals(new float[] {2 / 3f, 2 / 3f, 2 / 3f, 2 / 3f}, new BitDepthReduction(2).apply(half, 1,
                GREY_2X2), 1e-6f);
    }

    @Test
    void twoBitsRoundToFourEvenlySpacedLevels() {
        // levels 0, 1/3, 2/3, 1: 0.1*3 = 0.3 -> 0, 0.4*3 = 1.2 -> 1, 0.6*3 = 1.8 -> 2, 0.9*3 = 2.7 -> 3
        float[] x = {0.1f, 0.4f, 0.6f, 0.9f};
        assertArrayEquals(new float[] {0, 1 / 3f, 2 / 3f, 1}, new BitDepthReduction(2).apply(x, 1, GREY_2X2), 1e-6f);
    }

    @Test
    void bitDepthWorksInTheModelsPixelRange() {
        // in [-1, 1] one bit maps below 0 to -1 and above to 1: -0.2 is 0.4 of the range, 0.3 is 0.65
        InputSpec signed = GREY_2X2.withBounds(-1, 1);
        float[] x = {-0.2f, 0.3f, -1f, 1f};
        assertArrayEquals(new float[] {-1, 1, -1, 1}, new BitDepthReduction(1).apply(x, 1, signed));
    }

    @Test
    void bitDepthHasAZeroDerivative() {
        float[] x = {0.1f, 0.4f, 0.6f, 0.9f};
        float[] up = {1, -2, 3, 4};
        assertArrayEquals(new float[4], new BitDepthReduction(3).backward(x, up, 1, GREY_2X2));
    }

    @Test
    void sixteenBitsBarelyChangeAnImage() {
        float[] x = {0.1f, 0.4f, 0.6f, 0.9f};
        assertArrayEquals(x, new BitDepthReduction(16).apply(x, 1, GREY_2X2), 1f / 65535);
    }

    @Test
    void medianThreeByThreeWithReflectedBorders() {
        // worked by hand: the corner window of [[1,2,3],[4,5,6],[7,8,9]] is 1 1 2 / 1 1 2 / 4 4 5, median 2
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] expected = {2, 3, 3, 4, 5, 6, 7, 7, 8};
        assertArrayEquals(expected, new MedianFilter(3).apply(x, 1, GREY_3X3));
    }

    @Test
    void medianRemovesAnIsolatedBrightPixelInEachChannelOnItsOwn() {
        InputSpec rgb = new InputSpec(3, 3, 3, ChannelOrder.NCHW, 0, 1, null, null);
        float[] x = new float[27];
        x[4] = 1; // red: one bright centre pixel, removed
        for (int i = 9; i < 18; i++) {
            x[i] = 0.5f; // green: flat, kept
        }
        float[] out = new MedianFilter(3).apply(x, 1, rgb);
        for (int i = 0; i < 9; i++) {
            assertEquals(0f, out[i]);
            assertEquals(0.5f, out[9 + i]);
            assertEquals(0f, out[18 + i]);
        }
    }

    @Test
    void oneByOneMedianIsTheIdentityAndBatchesAreIndependent() {
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        assertArrayEquals(x, new MedianFilter(1).apply(x, 2, GREY_3X3));
        float[] out = new MedianFilter(3).apply(x, 2, GREY_3X3);
        assertArrayEquals(new float[] {2, 3, 3, 4, 5, 6, 7, 7, 8}, java.util.Arrays.copyOf(out, 9));
        assertArrayEquals(new float[] {8, 7, 7, 6, 5, 4, 3, 3, 2}, java.util.Arrays.copyOfRange(out, 9, 18));
    }

    @Test
    void medianGradientGoesToThePixelThatIsTheMedian() {
        // sources of [[2,3,3],[4,5,6],[7,7,8]]: pixel 2 once, pixel 3 twice, 4, 5, 6 once, 7 twice, 8 once
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] ones = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        assertArrayEquals(new float[] {0, 1, 2, 1, 1, 1, 2, 1, 0}, new MedianFilter(3).backward(x, ones, 1, GREY_3X3));
    }

    @Test
    void medianGradientMatchesFiniteDifferencesAwayFromTies() {
        InputSpec spec = InputSpec.grey(5, 5);
        float[] x = new float[25];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.1f + 0.8f * r.nextFloat();
        }
        float[] up = new float[25];
        for (int i = 0; i < up.length; i++) {
            up[i] = r.nextFloat() - 0.5f;
        }
        MedianFilter f = new MedianFilter(3);
        float[] g = f.backward(x, up, 1, spec);
        float h = 1e-4f;
        for (int i = 0; i < x.length; i++) {
            float[] plus = x.clone();
            plus[i] += h;
            float[] minus = x.clone();
            minus[i] -= h;
            double fd = (dot(up, f.apply(plus, 1, spec)) - dot(up, f.apply(minus, 1, spec))) / (2 * h);
            assertEquals(fd, g[i], 1e-3, "pixel " + i);
        }
    }

    @Test
    void reflectionIsHalfSampleSymmetric() {
        assertEquals(0, MedianFilter.reflect(-1, 3));
        assertEquals(1, MedianFilter.reflect(-2, 3));
        assertEquals(2, MedianFilter.reflect(3, 3));
        assertEquals(1, MedianFilter.reflect(4, 3));
        assertEquals(0, MedianFilter.reflect(-1, 1));
    }

    @Test
    void invalidSettingsNameTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BitDepthReduction(0)).getMessage()
                .contains("bit depth must be in [1, 16], got 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BitDepthReduction(17)).getMessage()
                .contains("got 17"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MedianFilter(2)).getMessage()
                .contains("median filter size must be odd and in [1, 31], got 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MedianFilter(-3)).getMessage()
                .contains("got -3"));
        assertThrows(IllegalArgumentException.class, () -> new MedianFilter(0));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
