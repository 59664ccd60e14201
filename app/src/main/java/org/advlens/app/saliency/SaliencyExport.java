package org.advlens.app.saliency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.advlens.app.common.ImageRenderer;
import org.advlens.app.common.MapPictures;
import org.advlens.data.ImageFiles;
import org.advlens.report.SaliencyJson;
import org.advlens.saliency.SaliencyMap;

/**
 * Writes saliency maps to a folder: {@code original.png}, and per method {@code <method>.png} (as displayed:
 * colouring, clipping and opacity) and {@code <method>.json} (the raw values, target, parameters and provenance
 * in the engine's format).
 */
public final class SaliencyExport {

    private SaliencyExport() {
    }

    /** @param pictures the displayed picture of each map, in the order of {@code r.maps()} */
    public static List<Path> write(SaliencyResult r, List<int[]> pictures, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        Path original = folder.resolve("original.png");
        ImageFiles.writePng(r.image().fitted(), 0, r.model().input().lower(), r.model().input().upper(), original);
        files.add(original);
        String source = r.image().source().isEmpty() ? r.image().name() : r.image().source();
        for (int i = 0; i < r.maps().size(); i++) {
            SaliencyResult.Entry e = r.maps().get(i);
            SaliencyMap map = e.map();
            Path png = folder.resolve(map.method() + ".png");
            Path json = folder.resolve(map.method() + ".json");
            MapPictures.writePng(pictures.get(i), map.height(), map.width(),
                    ImageRenderer.scaleFor(map.height(), map.width()), png);
            SaliencyJson.write(SaliencyJson.map(map, 0, e.parameters(), r.model(), source), json);
            files.add(png);
            files.add(json);
        }
        return files;
    }
}
