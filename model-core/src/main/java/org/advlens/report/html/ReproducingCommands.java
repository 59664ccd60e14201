package org.advlens.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The {@code advlens} commands that reproduce each section of a battery alone, with the same numbers. */
final class ReproducingCommands {

    private ReproducingCommands() {
    }

    /**
     * @param spec the battery
     * @param sourceOptions options naming the model and data, empty for the bundled ones
     * @param available images in the data set
     * @return pairs of section name and command
     */
    static List<List<String>> of(BatterySpec spec, String sourceOptions, int available) {
        String src = sourceOptions.isBlank() ? "" : " " + sourceOptions;
        int images = Math.min(spec.images(), available);
        String seed = " --seed " + spec.seed();
        String batch = " --batch " + spec.batchSize();
        List<List<String>> out = new ArrayList<>();
        out.add(List.of(BatteryEstimate.CURVES, "advlens curve" + src + " --limit " + images + " --attack "
                + String.join(",", spec.attacks()) + " --eps " + list(spec.epsilons()) + " --steps " + spec.steps()
                + " --restarts " + spec.restarts() + seed + batch + " --out curve"));
        if (spec.autoAttackImages() > 0) {
            out.add(List.of(BatteryEstimate.ENSEMBLE, "advlens curve" + src + " --limit "
                    + Math.min(spec.autoAttackImages(), available) + " --attack autoattack --eps "
                    + number(spec.standardEpsilon()) + " --steps " + spec.steps() + seed + batch + " --out ensemble"));
        }
        if (spec.minNormImages() > 0) {
            out.add(List.of(BatteryEstimate.MIN_NORM, "advlens minnorm" + src + " --limit "
                    + Math.min(spec.minNormImages(), available) + " --attack " + spec.minNormAttack() + seed + batch
                    + " --out minnorm"));
        }
        if (spec.calibration()) {
            out.add(List.of(BatteryEstimate.CALIBRATION, "advlens calibration" + src + " --limit " + images + seed
                    + batch));
        }
        if (!spec.corruptions().isEmpty()) {
            out.add(List.of(BatteryEstimate.CORRUPTIONS, "advlens corruptions" + src + " --limit " + images
                    + " --corruptions " + String.join(",", spec.corruptions()) + " --severities "
                    + java.util.Arrays.stream(spec.severities()).mapToObj(Integer::toString)
                    .collect(Collectors.joining(",")) + seed + batch));
        }
        if (!spec.oodSets().isEmpty()) {
            out.add(List.of(BatteryEstimate.OOD, "advlens ood" + src + " --limit " + images + " --ood "
                    + String.join(",", spec.oodSets()) + " --scores msp,maxlogit,energy,odin" + seed + batch));
        }
        if (spec.certifyImages() > 0) {
            out.add(List.of(BatteryEstimate.CERTIFICATION, "advlens certify" + src + " --limit "
                    + Math.min(spec.certifyImages(), available) + " --sigma " + number(spec.certifySigma()) + " --n "
                    + spec.certifySamples() + " --batch " + Math.min(spec.certifySamples(), 1000) + seed));
        }
        return out;
    }

    private static String list(double[] values) {
        return java.util.Arrays.stream(values).mapToObj(ReproducingCommands::number).collect(Collectors.joining(","));
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
