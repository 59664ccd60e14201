package org.advlens.report.html;

import java.util.List;
import java.util.Locale;

/**
 * The three standard batteries. Budgets are in the model's pixel units and suit inputs in [0, 1] such as
 * Fashion-MNIST; the standard epsilon 0.1 is the usual L-inf budget there. A JSON battery overrides any of them.
 */
public final class BatteryPresets {

    /** The preset names, smallest first. */
    public static final List<String> NAMES = List.of("quick", "standard", "thorough");

    private static final List<String> ALL_OOD = List.of("uniform", "gaussian", "inverted", "flipped");

    private BatteryPresets() {
    }

    /** A preset by name: {@code quick}, {@code standard} or {@code thorough}. */
    public static BatterySpec byName(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "quick" -> quick();
            case "standard" -> standard();
            case "thorough" -> thorough();
            default -> throw new IllegalArgumentException("unknown battery preset '" + name + "': expected one of "
                    + NAMES + " or a JSON file");
        };
    }

    /** Minutes on a laptop: 200 images, FGSM and PGD-10, the ensemble on 100, DeepFool on 100, no certification. */
    public static BatterySpec quick() {
        return new BatterySpec("quick", 200, List.of("fgsm", "pgd"), new double[] {0, 0.02, 0.05, 0.1, 0.2}, 10, 1,
                0.1, 100, "deepfool", 100, true, List.of("gaussian_noise", "defocus_blur", "contrast", "pixelate"),
                new int[] {1, 3, 5}, List.of("uniform", "inverted"), 0, 0.25, 1000, 4, "vanilla-gradient", 0, 100);
    }

    /** 1,000 images, FGSM, PGD-20 and APGD-CE, the ensemble on 500, all corruptions, all OOD sets, 100 certified. */
    public static BatterySpec standard() {
        return new BatterySpec("standard", 1000, List.of("fgsm", "pgd", "apgd-ce"),
                new double[] {0, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3}, 20, 1, 0.1, 500, "deepfool", 500, true,
                List.of("gaussian_noise", "shot_noise", "impulse_noise", "defocus_blur", "glass_blur", "motion_blur",
                        "zoom_blur", "snow", "frost", "fog", "brightness", "contrast", "elastic_transform", "pixelate",
                        "jpeg_compression"),
                new int[] {1, 2, 3, 4, 5}, ALL_OOD, 100, 0.25, 1000, 6, "integrated-gradients", 0, 100);
    }

    /** Every image, PGD-50 with 5 restarts, the ensemble and C&amp;W on 1,000, 500 certified with n = 10,000. */
    public static BatterySpec thorough() {
        return new BatterySpec("thorough", 10_000, List.of("fgsm", "pgd", "apgd-ce", "apgd-dlr"),
                new double[] {0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3}, 50, 5, 0.1, 1000, "cw", 1000,
                true, List.of("gaussian_noise", "shot_noise", "impulse_noise", "defocus_blur", "glass_blur",
                        "motion_blur", "zoom_blur", "snow", "frost", "fog", "brightness", "contrast",
                        "elastic_transform", "pixelate", "jpeg_compression", "speckle_noise", "gaussian_blur", "spatter",
                        "saturate"),
                new int[] {1, 2, 3, 4, 5}, ALL_OOD, 500, 0.25, 10_000, 8, "integrated-gradients", 0, 100);
    }
}
