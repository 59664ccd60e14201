package org.advlens.corruption;

import java.util.SplittableRandom;

/** One corruption as a pure function of an image in [0, 1], a severity, random draws and the spatial scale. */
@FunctionalInterface
interface CorruptionFunction {

    /**
     * @param x the image, values in [0, 1]; not changed
     * @param severity 1 to 5
     * @param random the only source of randomness
     * @param scale lengths of the 224-pixel reference are multiplied by this ({@link CorruptionOptions})
     * @return a new array of the same size, values in [0, 1]
     */
    float[] apply(Raster x, int severity, SplittableRandom random, double scale);
}
