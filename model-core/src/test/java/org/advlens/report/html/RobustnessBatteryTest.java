package org.advlens.report.html;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.advlens.attack.catalog.MinimizationAttacks;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.advlens.eval.CurvePoint;
import org.advlens.eval.CurveResult;
import org.advlens.eval.MinimumNormEvaluation;
import org.advlens.eval.MinimumNormResult;
import org.advlens.eval.RobustnessCurve;
import org.advlens.eval.calibration.CalibrationEvaluation;
import org.advlens.job.CancellationToken;
import org.advlens.job.CancelledException;
import org.advlens.job.Jobs;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.provenance.Provenance;
import org.advlens.testing.LinearClassifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The battery on an analytic linear model: each section equals the evaluation run alone with the same parameters,
 * and the page is self-contained.
 */
class RobustnessBatteryTest {

    private static final int SIDE = 8;
    private static final BatterySpec SPEC = BatteryJson.fromJson("{\"images\": 24, \"attacks\": [\"fgsm\", \"pgd\"],"
            + " \"epsilons\": [0, 0.05, 0.2], \"steps\": 3, \"autoAttackImages\": 8, \"minNormImages\": 8,"
            + " \"corruptions\": [\"contrast\"], \"severities\": [2], \"oodSets\": [\"inverted\"],"
            + " \"certifyImages\": 4, \"certifySamples\": 50, \"exampleImages\": 2, \"saliencyMethod\": \"gradient\","
            + " \"seed\": 5, \"batchSize\": 10}");

    private static Classifier model;
    private static LabelledDataset data;
    private static RobustnessReport report;
    private static List<Double> progress;

    @BeforeAll
    static void runTheBatteryOnce() throws Exception {
        Random r = new Random(3);
        int d = SIDE * SIDE;
        float[][] w = new float[3][d];
        for (float[] row : w) {
            for (int i = 0; i < d; i++) {
                row[i] = (float) r.nextGaussian();
            }
        }
        model = new LinearClassifier(InputSpec.grey(SIDE, SIDE), w, new float[3]);
        float[] pixels = new float[30 * d];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = r.nextFloat();
        }
        Images images = new Images(pixels, 30, 1, SIDE, SIDE);
        int[] labels = model.predict(images.toArray());
        labels[0] = (labels[0] + 1) % 3;
        data = new LabelledDataset("random", "generated", images, labels, List.of("a", "b", "c"));
        BatteryEstimate estimate = BatteryEstimate.of(SPEC, data.size(), 1e-4, 1e-3);
        progress = new ArrayList<>();
        report = new RobustnessBattery(model, data, SPEC, estimate, "--model m.onnx")
                .run((f, m) -> progress.add(f), CancellationToken.create());
    }

    @Test
    void theCurvesEqualTheCurveJobRunAloneWithTheSameSeed() throws Exception {
        CurveResult alone = Jobs.runNow(new RobustnessCurve(model, data.limit(24), RobustnessBattery.curveSpec(SPEC),
                p -> { }));
        assertEquals(alone.cleanAccuracy(), report.curves().cleanAccuracy());
        assertEquals(23.0 / 24, report.curves().cleanAccuracy(), 1e-12);
        for (int a = 0; a < 2; a++) {
            List<CurvePoint> expected = alone.curves().get(a).points();
            List<CurvePoint> actual = report.curves().curves().get(a).points();
            for (int k = 0; k < expected.size(); k++) {
                assertEquals(expected.get(k).accuracy(), actual.get(k).accuracy());
                assertArrayEquals(expected.get(k).correct(), actual.get(k).correct());
            }
        }
    }

    @Test
    void minimumNormAndCalibrationEqualTheirJobsRunAlone() throws Exception {
        MinimumNormResult alone = Jobs.runNow(new MinimumNormEvaluation(model, data.limit(8),
                MinimizationAttacks.byName("deepfool"), MinimizationAttacks.byName("deepfool").defaults().withSeed(5),
                RobustnessBattery.minNormOptions(SPEC)));
        assertEquals(alone.medianDistance(), report.minNorm().medianDistance());
        assertEquals(alone.meanDistance(), report.minNorm().meanDistance());
        CalibrationEvaluation.Result cal = Jobs.runNow(new CalibrationEvaluation(model, data.limit(24),
                RobustnessBattery.calibrationOptions(SPEC)));
        assertEquals(cal.before().ece(), report.calibration().before().ece());
        assertEquals(cal.fit().temperature(), report.calibration().fit().temperature());
    }

    @Test
    void everySectionRanOnItsOwnNumberOfImages() {
        assertEquals(24, report.curves().size());
        assertEquals(8, report.ensemble().size());
        assertEquals(8, report.minNorm().samples().size());
        assertEquals(4, report.certification().entries().size());
        assertEquals(24, report.corruptions().images());
        assertEquals(24, report.ood().inCount());
        assertEquals(2, report.examples().size());
        assertEquals(30, report.dataSize());
        // the linear model's clean accuracy at eps 0.2 under PGD is below FGSM's or equal
        assertTrue(report.curves().curves().get(1).points().get(2).accuracy()
                <= report.curves().curves().get(0).points().get(2).accuracy());
    }

    @Test
    void progressRisesToOneAndEverySectionIsTimed() {
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1) - 1e-12, "progress fell at " + i + ": " + progress);
        }
        assertEquals(1.0, progress.get(progress.size() - 1));
        assertEquals(List.of(BatteryEstimate.CURVES, BatteryEstimate.ENSEMBLE, BatteryEstimate.MIN_NORM,
                BatteryEstimate.CALIBRATION, BatteryEstimate.CORRUPTIONS, BatteryEstimate.OOD,
                BatteryEstimate.CERTIFICATION, BatteryEstimate.PICTURES),
                report.timings().stream().map(SectionTime::section).toList());
        assertTrue(report.timings().stream().allMatch(t -> t.seconds() >= 0));
    }

    @Test
    void theReproducingCommandsCarryTheSourceTheLimitsAndTheSeed() {
        List<String> commands = report.commands().stream().map(c -> c.get(1)).toList();
        assertEquals("advlens curve --model m.onnx --limit 24 --attack fgsm,pgd --eps 0,0.05,0.2 --steps 3 --restarts 1"
                + " --seed 5 --batch 10 --out curve", commands.get(0));
        assertEquals("advlens curve --model m.onnx --limit 8 --attack autoattack --eps 0.1 --steps 3 --seed 5"
                + " --batch 10 --out ensemble", commands.get(1));
        assertTrue(commands.stream().allMatch(c -> c.contains("--seed 5")), commands.toString());
    }

    @Test
    void thePageIsSelfContainedAndShowsEverySection() {
        String html = HtmlReportWriter.toHtml(List.of(report), "advlens report --preset quick");
        for (String title : List.of("Summary", "Model card", "Clean accuracy and robustness curves",
                "AutoAttack-style ensemble", "Minimum-norm distances", "Certification", "Common corruptions",
                "Out-of-distribution detection", "Calibration", "Adversarial examples and saliency",
                "Provenance and reproduction")) {
            assertTrue(html.contains("<h2>" + title + "</h2>"), title);
        }
        assertFalse(html.contains("<script"), "no script");
        Matcher links = Pattern.compile("(src|href)=\"([^\"]*)\"").matcher(html);
        while (links.find()) {
            assertTrue(links.group(2).startsWith("data:image/png;base64,"), links.group());
        }
        assertEquals(0, html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "").split("https?://", -1).length - 1,
                "no address outside the SVG namespace");
        assertTrue(html.contains("95.8%"), "clean accuracy 23/24 shown");
        assertEquals(2 * 6, html.split("data:image/png;base64,", -1).length - 1, "six pictures per example");
    }

    @Test
    void twoReportsShowSideBySideWithEachModelsSectionsNamed() {
        String html = HtmlReportWriter.toHtml(List.of(report, report), "advlens report --compare m2");
        assertTrue(html.contains("<title>Robustness report: linear vs linear</title>"));
        assertTrue(html.contains("<h2>Model card: linear</h2>"));
        assertNotNull(ReportSummaryJson.toJson(List.of(report, report), "x"));
        assertThrows(IllegalArgumentException.class, () -> HtmlReportWriter.toHtml(List.of(), "x"));
    }

    @Test
    void aCancelledBatteryStopsWithCancelledException() {
        CancellationToken token = CancellationToken.create();
        token.cancel();
        assertThrows(CancelledException.class, () -> new RobustnessBattery(model, data, SPEC,
                BatteryEstimate.of(SPEC, data.size(), 1e-4, 1e-3), "").run((f, m) -> { }, token));
    }

    @Test
    void dataThatDoesNotFitTheModelIsRejected() {
        LabelledDataset wrong = new LabelledDataset("small", "generated", new Images(new float[16], 1, 1, 4, 4),
                new int[1], List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RobustnessBattery(model,
                wrong, SPEC, BatteryEstimate.of(SPEC, 1, 0, 0), ""));
        assertTrue(e.getMessage().contains("16 values, the model takes 64"), e.getMessage());
    }
}
