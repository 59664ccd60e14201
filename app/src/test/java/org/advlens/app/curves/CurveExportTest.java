package org.advlens.app.curves;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.advlens.attack.AttackParams;
import org.advlens.eval.AttackCurve;
import org.advlens.eval.CurvePoint;
import org.advlens.eval.CurveResult;
import org.advlens.model.InputSpec;
import org.advlens.model.ModelFormat;
import org.advlens.model.ModelInfo;
import org.advlens.report.CurveJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurveExportTest {

    @TempDir
    Path dir;

    private static CurveResult result() {
        ModelInfo model = new ModelInfo("tiny", "memory", "abc", ModelFormat.ANALYTIC, InputSpec.grey(2, 2),
                List.of("a", "b"), 4, List.of(), false);
        boolean[] clean = {true, true};
        List<CurvePoint> points = List.of(new CurvePoint("fgsm", 0, 1, 0, 0, 0, clean),
                new CurvePoint("fgsm", 0.1, 0.5, 0.5, 0.2, 0.1, new boolean[] {true, false}));
        return new CurveResult(model, "toy", "memory", 2, 1, clean,
                List.of(new AttackCurve("fgsm", AttackParams.defaults().withSteps(1), points)), List.of(),
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void everyFormatIsChosenByItsExtension() throws Exception {
        // when exporting one result in the four formats
        for (String ext : List.of("csv", "json", "png", "svg")) {
            CurveExport.write(result(), dir.resolve("curve." + ext));
        }
        // then the CSV has a header and two rows, the JSON reads back, the PNG and SVG are images
        List<String> csv = Files.readAllLines(dir.resolve("curve.csv"));
        assertEquals(3, csv.size());
        assertEquals(2, CurveJson.read(dir.resolve("curve.json")).result().curves().get(0).points().size());
        byte[] png = Files.readAllBytes(dir.resolve("curve.png"));
        assertEquals((byte) 0x89, png[0]);
        assertTrue(Files.readString(dir.resolve("curve.svg")).contains("<svg"));
    }

    @Test
    void anUnknownExtensionIsRefused() {
        assertThrows(java.io.IOException.class, () -> CurveExport.write(result(), dir.resolve("curve.xlsx")));
    }
}
