package org.advlens.app.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.advlens.app.common.ImageItem;
import org.advlens.attack.AttackOutcome;
import org.advlens.attack.AttackParams;
import org.advlens.data.Images;
import org.advlens.eval.Prediction;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelFormat;
import org.advlens.model.ModelInfo;
import org.advlens.report.PerturbationImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttackExportTest {

    @TempDir
    Path dir;

    @Test
    void writesThreeImagesAHeatmapAndTheRecord() throws Exception {
        // given a finished attack on a 2x2 grey image that flipped class 0 to class 1
        InputSpec spec = InputSpec.grey(2, 2);
        ModelInfo model = new ModelInfo("tiny", "memory", "abc123", ModelFormat.ANALYTIC, spec, List.of("zero", "one"),
                4, List.of(), false);
        Images clean = new Images(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 1, 1, 2, 2);
        Images adv = new Images(new float[] {0.2f, 0.1f, 0.3f, 0.5f}, 1, 1, 2, 2);
        AttackParams params = AttackParams.defaults().withSteps(1);
        AttackOutcome outcome = new AttackOutcome("fgsm", params, 0.1, adv, new int[] {0}, new int[] {1},
                new float[][] {{0.3f, 0.7f}}, new boolean[] {true}, new double[] {3}, new double[] {0.173},
                new double[] {0.1}, 0);
        AttackResult r = new AttackResult(new ImageItem("sample", "bundled sample", clean, clean, 0), model,
                "FGSM", 0, false, new Prediction(0, new float[] {0.9f, 0.1f}, new float[] {2, 0}),
                new Prediction(1, new float[] {0.3f, 0.7f}, new float[] {0, 1}), outcome,
                PerturbationImage.of(clean, adv, spec), Heatmap.of(clean, adv));
        // when it is exported
        List<Path> files = AttackExport.write(r, dir.resolve("out"));
        // then every file exists, the PNGs decode, and the JSON holds the attack, the prediction and the hash
        assertEquals(5, files.size());
        for (Path f : files) {
            assertTrue(Files.size(f) > 0, f.toString());
        }
        BufferedImage original = ImageIO.read(dir.resolve("out/original.png").toFile());
        assertEquals(2, original.getWidth());
        BufferedImage heatmap = ImageIO.read(dir.resolve("out/heatmap.png").toFile());
        assertTrue(heatmap.getWidth() >= 2);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/attack.json").toFile());
        String text = json.toString();
        assertTrue(text.contains("fgsm"), text);
        assertTrue(text.contains("abc123"), text);
    }
}
