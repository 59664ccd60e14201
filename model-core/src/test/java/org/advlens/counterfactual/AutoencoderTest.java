package org.advlens.counterfactual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelDescription;
import org.advlens.model.ModelLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The autoencoder split into encoder and decoder, and the decoder's pulled-back gradient, on a tiny network. */
class AutoencoderTest {

    /** Pixel space [-1, 1], so the unit-space mapping is exercised. */
    static final InputSpec SPEC = InputSpec.grey(8, 8).withBounds(-1, 1);

    static Autoencoder tiny(long seed) {
        return new Autoencoder(AutoencoderTrainer.buildNetwork(SPEC, 3, seed, 1e-3),
                new ModelDescription("tiny", SPEC, ModelDescription.numberedClasses(2)), "test", "");
    }

    @Test
    void splitNetworkReproducesTheWholeAutoencoder() {
        Autoencoder ae = tiny(1);
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 8, 8).muli(2).subi(1);
        INDArray z = ae.encode(x);
        assertArrayEquals(new long[] {2, 3}, z.shape());
        assertEquals(3, ae.latentSize());
        INDArray viaSplit = ae.decode(z);
        INDArray whole = ae.reconstruct(x);
        assertArrayEquals(new long[] {2, 1, 8, 8}, viaSplit.shape());
        assertTrue(viaSplit.equalsWithEps(whole, 1e-5), "decode(encode(x)) must equal the whole network's output");
        assertTrue(whole.minNumber().doubleValue() >= -1 && whole.maxNumber().doubleValue() <= 1,
                "decoded pixels must lie in the spec's bounds");
    }

    @Test
    void latentGradientMatchesFiniteDifferences() {
        Autoencoder ae = tiny(2);
        INDArray z = Nd4j.createFromArray(new float[][] {{0.3f, -0.7f, 1.1f}}).castTo(DataType.DOUBLE);
        Nd4j.getRandom().setSeed(5);
        INDArray w = Nd4j.rand(DataType.FLOAT, 1, 1, 8, 8).subi(0.5);
        double[] g = ae.latentGradient(z.castTo(DataType.FLOAT), w).toDoubleVector();
        double h = 3e-4;
        for (int k = 0; k < 3; k++) {
            INDArray up = z.dup();
            up.putScalar(0, k, z.getDouble(0, k) + h);
            INDArray down = z.dup();
            down.putScalar(0, k, z.getDouble(0, k) - h);
            double fd = (ae.decode(up).castTo(DataType.DOUBLE).mul(w.castTo(DataType.DOUBLE)).sumNumber().doubleValue()
                    - ae.decode(down).castTo(DataType.DOUBLE).mul(w.castTo(DataType.DOUBLE)).sumNumber().doubleValue())
                    / (2 * h);
            // ReLU kinks in a tiny random network make finite differences converge slowly; h is small.
            assertEquals(fd, g[k], 3e-3 + 2e-2 * Math.abs(fd), "d(w . decode(z))/dz_" + k);
        }
    }

    @Test
    void savedAutoencoderLoadsWithItsDescription(@TempDir Path dir) throws Exception {
        Autoencoder ae = tiny(3);
        Path file = dir.resolve("ae.zip");
        org.advlens.model.load.ModelWriter.save(ae.network(), ae.description(), file);
        Autoencoder loaded = Autoencoder.load(file);
        assertEquals(SPEC, loaded.inputSpec());
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 1, 8, 8);
        assertTrue(loaded.reconstruct(x).equalsWithEps(ae.reconstruct(x), 1e-6));
    }

    @Test
    void rejectsFilesThatAreNotAutoencoders(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.zip"), "not a zip");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> Autoencoder.load(junk));
        assertTrue(e.getMessage().contains("junk.zip"), e.getMessage());
        assertThrows(ModelLoadException.class, () -> Autoencoder.load(dir.resolve("missing.zip")));
    }
}
