package org.advlens.saliency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.advlens.data.Images;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelFormat;
import org.advlens.model.ModelInfo;
import org.advlens.render.ColourMaps;
import org.advlens.report.NpyWriter;
import org.advlens.report.SaliencyJson;
import org.advlens.report.SaliencyPictures;
import org.advlens.saliency.method.VanillaGradient;
import org.advlens.saliency.sanity.Randomization;
import org.advlens.saliency.sanity.SanityCheckResult;
import org.advlens.saliency.similarity.SimilarityMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exported forms of saliency results: .npy, JSON, CSV, colour maps, map pictures and the sanity grid. */
class SaliencyExportTest {

    @TempDir
    Path dir;

    private final SaliencyMap map = new SaliencyMap("integrated-gradients",
            new float[] {-1, 0, 0.5f, 2, 3, -4, 0.25f, 1}, 2, 1, 2, 2, new int[] {1, 0}, true, new double[] {0.01, -0.02});

    @Test
    void npyFilesHaveTheNumpyHeaderAndLittleEndianFloats() throws Exception {
        Path f = dir.resolve("m.npy");
        NpyWriter.write(f, map.values(), 2, 1, 2, 2);
        byte[] bytes = Files.readAllBytes(f);
        assertEquals((byte) 0x93, bytes[0]);
        assertEquals("NUMPY", new String(bytes, 1, 5, StandardCharsets.US_ASCII));
        int headerLen = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLen) % 64);
        String header = new String(bytes, 10, headerLen, StandardCharsets.US_ASCII);
        assertTrue(header.contains("'descr': '<f4'") && header.contains("'shape': (2, 1, 2, 2)"), header);
        assertTrue(header.endsWith("\n"));
        ByteBuffer data = ByteBuffer.wrap(bytes, 10 + headerLen, 32).order(ByteOrder.LITTLE_ENDIAN);
        float[] back = new float[8];
        for (int i = 0; i < 8; i++) {
            back[i] = data.getFloat();
        }
        assertArrayEquals(map.values(), back);
        assertTrue(new String(NpyWriter.header(5), StandardCharsets.US_ASCII).contains("'shape': (5,)"));
        assertThrows(IllegalArgumentException.class, () -> NpyWriter.write(f, new float[3], 2, 2));
    }

    @Test
    void mapJsonCarriesValuesTargetAndProvenance() throws Exception {
        ModelInfo info = new ModelInfo("m", "file.zip", "abc123", ModelFormat.DL4J_MULTILAYER, InputSpec.grey(2, 2),
                List.of("a", "b"), 10, List.of(), true);
        Path f = dir.resolve("m.json");
        SaliencyJson.write(SaliencyJson.map(map, 1, Map.of("steps", 50), info, "img.png"), f);
        JsonNode n = new ObjectMapper().readTree(f.toFile());
        assertEquals("integrated-gradients", n.get("method").asText());
        assertEquals(0, n.get("target").get("index").asInt());
        assertEquals("a", n.get("target").get("name").asText());
        assertEquals(4, n.get("values").size());
        assertEquals(3.0, n.get("values").get(0).asDouble(), 1e-6);
        assertEquals(-0.02, n.get("completeness_delta").asDouble(), 1e-12);
        assertEquals("abc123", n.get("model").get("sha256").asText());
        assertEquals(50, n.get("parameters").get("steps").asInt());
        assertTrue(n.get("provenance").has("advlens_version") && n.get("provenance").has("created"));
    }

    @Test
    void sanityJsonAndCsvHoldEveryCurve() throws Exception {
        SanityCheckResult r = twoStepResult();
        JsonNode n = new ObjectMapper().readTree(SaliencyJson.toString(SaliencyJson.sanity(r, "data.idx")));
        assertEquals("cascading", n.get("randomization").asText());
        assertEquals(2, n.get("steps").size());
        JsonNode curve = n.get("similarity").get("spearman_signed").get("gradient");
        assertEquals(1.0, curve.get("mean").get(0).asDouble(), 1e-12);
        assertEquals(-1.0, curve.get("mean").get(1).asDouble(), 1e-12);
        assertEquals(2, curve.get("per_image").get(1).size());
        String csv = SaliencyJson.sanityCsv(r);
        String[] lines = csv.split("\n");
        assertEquals(SaliencyJson.CSV_HEADER, lines[0]);
        assertEquals(1 + 2 * SimilarityMetric.values().length, lines.length);
        assertTrue(csv.contains("cascading,gradient,1,output,spearman_signed,-1.0,0.0,2"), csv);
    }

    @Test
    void colourMapsAreBlueWhiteRedAndViridis() {
        assertArrayEquals(new int[] {247, 247, 247}, ColourMaps.rgb(ColourMaps.diverging(0)));
        assertArrayEquals(new int[] {33, 102, 172}, ColourMaps.rgb(ColourMaps.diverging(-1)));
        assertArrayEquals(new int[] {178, 24, 43}, ColourMaps.rgb(ColourMaps.diverging(5)));
        assertArrayEquals(new int[] {0x44, 0x01, 0x54}, ColourMaps.rgb(ColourMaps.sequential(0)));
        assertArrayEquals(new int[] {0xFD, 0xE7, 0x25}, ColourMaps.rgb(ColourMaps.sequential(1)));
        assertEquals(0xFF000000, ColourMaps.diverging(0.3) & 0xFF000000, "opaque");
        float[] v = new float[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i - 50;
        }
        assertEquals(49, ColourMaps.percentileOfAbsolute(v, 99), 0);
        int[] argb = ColourMaps.render(new float[] {-2, 0, 2}, ColourMaps.Scheme.DIVERGING, 2);
        assertEquals(ColourMaps.diverging(-1), argb[0]);
        assertEquals(ColourMaps.diverging(1), argb[2]);
        assertThrows(IllegalArgumentException.class, () -> ColourMaps.percentileOfAbsolute(v, 101));
    }

    @Test
    void picturesAndTheGridHaveTheExpectedSizesAndColours() {
        BufferedImage one = SaliencyPictures.render(map, 0, 3);
        assertEquals(6, one.getWidth());
        assertEquals(6, one.getHeight());
        int[] expected = ColourMaps.render(map.plane(0), true);
        assertEquals(expected[3] & 0xFFFFFF, one.getRGB(5, 5) & 0xFFFFFF);
        SanityCheckResult r = twoStepResult();
        Images inputs = new Images(new float[] {0, 1, 0.5f, 0.2f, 1, 1, 0, 0}, 2, 1, 2, 2);
        BufferedImage grid = SaliencyPictures.grid(r, 1, inputs, 0, 1, 10);
        assertTrue(grid.getWidth() > 3 * 20 && grid.getHeight() > 20, grid.getWidth() + "x" + grid.getHeight());
        assertThrows(IndexOutOfBoundsException.class, () -> SaliencyPictures.grid(r, 2, inputs, 0, 1, 10));
    }

    private SanityCheckResult twoStepResult() {
        SaliencyMap negated = new SaliencyMap("gradient", negate(map.values()), 2, 1, 2, 2, new int[] {1, 0}, true,
                null);
        SaliencyMap same = new SaliencyMap("gradient", map.values(), 2, 1, 2, 2, new int[] {1, 0}, true, null);
        return SanityCheckResult.compare(Randomization.CASCADING, List.of(new VanillaGradient()),
                List.of("original", "output"), new SaliencyMap[][] {{same, negated}}, new int[] {1, 0}, 3,
                new ModelInfo("m", "", "", ModelFormat.ANALYTIC, InputSpec.grey(2, 2), List.of("a", "b"), 1,
                        List.of(), false));
    }

    private static float[] negate(float[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }
}
