package org.advlens.app.attack;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.advlens.app.common.ImageRenderer;
import org.advlens.data.ImageFiles;
import org.advlens.io.AtomicFiles;
import org.advlens.model.InputSpec;
import org.advlens.report.AttackJson;
import org.advlens.report.AttackRecord;

/**
 * Writes an attack result to a folder: {@code original.png}, {@code adversarial.png}, {@code perturbation.png}
 * (amplified, mid-grey is no change), {@code heatmap.png} (blue-white-red, enlarged) and {@code attack.json}
 * (parameters, predictions, norms and provenance, in the engine's report format).
 */
public final class AttackExport {

    private AttackExport() {
    }

    public static List<Path> write(AttackResult r, Path folder) throws IOException {
        Files.createDirectories(folder);
        InputSpec spec = r.model().input();
        Path original = folder.resolve("original.png");
        Path adversarial = folder.resolve("adversarial.png");
        Path perturbation = folder.resolve("perturbation.png");
        Path heatmap = folder.resolve("heatmap.png");
        Path json = folder.resolve("attack.json");
        ImageFiles.writePng(r.image().fitted(), 0, spec.lower(), spec.upper(), original);
        ImageFiles.writePng(r.outcome().adversarial(), 0, spec.lower(), spec.upper(), adversarial);
        ImageFiles.writePng(r.amplified().image(), 0, spec.lower(), spec.upper(), perturbation);
        writeHeatmap(r.heatmap(), heatmap);
        AttackRecord record = AttackRecord.of(r.model(), r.image().source().isEmpty() ? r.image().name()
                : r.image().source(), r.outcome(), 0, r.labelFromPrediction(), r.before(), r.after(),
                r.amplified().amplification());
        if (r.minimumNorm()) {
            record = record.withMinimalDistance(r.distanceMeasure(), r.minimalDistance());
        }
        AttackJson.write(record, json);
        return List.of(original, adversarial, perturbation, heatmap, json);
    }

    private static void writeHeatmap(Heatmap map, Path file) throws IOException {
        int scale = ImageRenderer.scaleFor(map.height(), map.width());
        int w = map.width();
        BufferedImage out = new BufferedImage(w * scale, map.height() * scale, BufferedImage.TYPE_INT_RGB);
        float[] v = map.values();
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, ImageRenderer.divergingColour(v[(y / scale) * w + x / scale]) & 0xFFFFFF);
            }
        }
AtomicFiles.writePng(out, file);
    }
}
