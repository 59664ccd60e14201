package org.advlens.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.advlens.attack.AttackParams;
import org.advlens.attack.Norm;
import org.advlens.eval.AttackCurve;
import org.advlens.eval.CurvePoint;
import org.advlens.eval.CurveResult;
import org.advlens.eval.MaskingFlag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurveJsonTest {

    static final Instant CREATED = Instant.parse("2026-11-22T10:15:30Z");

    static CurveResult sample() {
        boolean[] clean = {true, true, false, true};
        AttackParams fgsm = new AttackParams(Norm.LINF, 1, Double.NaN, 1, AttackParams.UNTARGETED, 7);
        AttackParams pgd = new AttackParams(Norm.L2, 20, 0.125, 3, 2, 42);
        AttackCurve a = new AttackCurve("fgsm", fgsm, List.of(
                new CurvePoint("fgsm", 0, 0.75, 0, 0, 0, clean),
                new CurvePoint("fgsm", 0.1, 0.5, 1.0 / 3, 0.2, 0.1, new boolean[] {true, false, false, true})));
        AttackCurve b = new AttackCurve("pgd", pgd, List.of(
                new CurvePoint("pgd", 0, 0.75, 0, 0, 0, clean),
                new CurvePoint("pgd", 0.5, 0.25, 0.5, 0.45, 0.3, new boolean[] {false, false, false, true})));
        return new CurveResult(LinearTestClassifier.info("feedbeef"), "tiny", "test:tiny", 4, 0.75, clean,
                List.of(a, b), List.of(new MaskingFlag(MaskingFlag.Kind.NOT_MONOTONE, "pgd", "accuracy rises")),
                CREATED);
    }

    @Test
    void writesTheDocumentedFields() {
        JsonNode root = ReportJson.parse(CurveJson.toJson(sample()));
        assertEquals(List.of("format_version", "model", "data", "clean_accuracy", "attacks", "flags", "provenance"),
                fieldNames(root));
        assertEquals(List.of("name", "source", "sha256", "format", "input", "classes"), fieldNames(root.get("model")));
        assertEquals(List.of("name", "source", "size"), fieldNames(root.get("data")));
        JsonNode pgd = root.get("attacks").get(1);
        assertEquals("pgd", pgd.get("name").asText());
        assertEquals(List.of("norm", "steps", "relative_step_size", "restarts", "target_class", "seed"),
                fieldNames(pgd.get("params")));
        assertEquals("l2", pgd.get("params").get("norm").asText());
        assertEquals(2, pgd.get("params").get("target_class").asInt());
        assertTrue(root.get("attacks").get(0).get("params").get("relative_step_size").isNull());
        assertTrue(root.get("attacks").get(0).get("params").get("target_class").isNull());
        JsonNode point = pgd.get("points").get(1);
        assertEquals(List.of("eps", "accuracy", "success_rate", "mean_l2", "mean_linf", "correct"), fieldNames(point));
        assertEquals(0.5, point.get("eps").asDouble());
        assertEquals(4, point.get("correct").size());
        assertEquals("NOT_MONOTONE", root.get("flags").get(0).get("kind").asText());
        assertEquals("2026-11-22T10:15:30Z", root.get("provenance").get("created").asText());
        assertEquals(List.of("advlens_version", "created", "java", "os"), fieldNames(root.get("provenance")));
    }

    @Test
    void roundTripKeepsEverythingTheFormatRecords(@TempDir Path dir) throws IOException {
        CurveResult original = sample();
        Path file = dir.resolve("out/curve.json");
        CurveJson.write(original, file);
        SavedCurve saved = CurveJson.read(file);
        CurveResult back = saved.result();
        assertEquals(original.model().name(), back.model().name());
        assertEquals(original.model().sha256(), back.model().sha256());
        assertEquals(original.model().input(), back.model().input());
        assertEquals(original.model().classNames(), back.model().classNames());
        assertEquals(original.dataName(), back.dataName());
        assertEquals(original.size(), back.size());
        assertEquals(original.cleanAccuracy(), back.cleanAccuracy());
        assertArrayEquals(original.cleanCorrect(), back.cleanCorrect());
        assertEquals(original.flags(), back.flags());
        assertEquals(CREATED, back.created());
        assertEquals(CREATED, saved.provenance().created());
        for (int c = 0; c < 2; c++) {
            AttackCurve o = original.curves().get(c);
            AttackCurve r = back.curves().get(c);
            assertEquals(o.attack(), r.attack());
            assertEquals(o.params().norm(), r.params().norm());
            assertEquals(o.params().steps(), r.params().steps());
            assertEquals(o.params().restarts(), r.params().restarts());
            assertEquals(o.params().targetClass(), r.params().targetClass());
            assertEquals(o.params().seed(), r.params().seed());
            assertEquals(Double.doubleToLongBits(o.params().relativeStepSize()),
                    Double.doubleToLongBits(r.params().relativeStepSize()));
            for (int p = 0; p < o.points().size(); p++) {
                CurvePoint op = o.points().get(p);
                CurvePoint rp = r.points().get(p);
                assertEquals(op.epsilon(), rp.epsilon());
                assertEquals(op.accuracy(), rp.accuracy());
                assertEquals(op.successRate(), rp.successRate());
                assertEquals(op.meanL2(), rp.meanL2());
                assertEquals(op.meanLinf(), rp.meanLinf());
                assertArrayEquals(op.correct(), rp.correct());
            }
        }
        assertEquals(CurveJson.toJson(original, saved.provenance()), CurveJson.toJson(back, saved.provenance()));
    }

    @Test
    void rejectsACorrectArrayOfTheWrongLength() {
        String json = CurveJson.toJson(sample()).replaceFirst("\"size\" : 4", "\"size\" : 5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CurveJson.fromJson(json));
        assertTrue(e.getMessage().contains("attacks[0].points[0].correct has 4 entries but data.size is 5"),
                e.getMessage());
    }

    @Test
    void readingAFileThatIsNotACurveNamesTheFileAndTheProblem(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("notes.json");
        Files.writeString(file, "{\"hello\": 1}");
        IOException e = assertThrows(IOException.class, () -> CurveJson.read(file));
        assertTrue(e.getMessage().startsWith("notes.json: not a valid curve file: model is missing"), e.getMessage());
        Files.writeString(file, "not json");
        e = assertThrows(IOException.class, () -> CurveJson.read(file));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void csvHasOneRowPerAttackAndEpsilon() {
        String[] lines = CurveCsv.toCsv(sample()).split("\n");
        assertEquals(5, lines.length);
        assertEquals(CurveCsv.HEADER, lines[0]);
        assertEquals("fgsm,linf,0.1,0.5,0.3333333333333333,0.2,0.1", lines[2]);
        assertEquals("pgd,l2,0.5,0.25,0.5,0.45,0.3", lines[4]);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
