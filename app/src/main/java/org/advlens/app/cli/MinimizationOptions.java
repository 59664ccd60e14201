package org.advlens.app.cli;

import org.advlens.attack.MinimizationParams;
import picocli.CommandLine.Option;

/**
 * The hyperparameters of the minimum-norm attacks (C&W, DeepFool, JSMA and the bisection over a fixed-budget
 * attack) shared by {@code minnorm} and {@code attack}; unset ones keep each attack's default.
 */
final class MinimizationOptions {

    @Option(names = "--search-steps", paramLabel = "N",
            description = "minimum-norm attacks: binary-search steps over C&W's constant or over epsilon")
    Integer searchSteps;

    @Option(names = "--lr", paramLabel = "R", description = "C&W's Adam learning rate")
    Double learningRate;

    @Option(names = "--const", paramLabel = "C", description = "C&W's initial constant c")
    Double constant;

    @Option(names = "--confidence", paramLabel = "K", description = "C&W's confidence kappa on the logits")
    Double confidence;

    @Option(names = "--overshoot", paramLabel = "R", description = "DeepFool's overshoot")
    Double overshoot;

    @Option(names = "--gamma", paramLabel = "F", description = "JSMA's largest fraction of values changed")
    Double gamma;

    @Option(names = "--candidates", paramLabel = "N", description = "DeepFool's candidate classes")
    Integer candidates;

    /** {@code p} with every option the user gave applied. */
    MinimizationParams apply(MinimizationParams p) {
        if (searchSteps != null) {
            p = p.withSearchSteps(searchSteps);
        }
        if (learningRate != null) {
            p = p.withStepSize(learningRate);
        }
        if (constant != null) {
            p = p.withInitialConstant(constant);
        }
        if (confidence != null) {
            p = p.withConfidence(confidence);
        }
        if (overshoot != null) {
            p = p.withOvershoot(overshoot);
        }
        if (gamma != null) {
            p = p.withMaxDistortion(gamma);
        }
        if (candidates != null) {
            p = p.withCandidates(candidates);
        }
        return p;
    }

    /** Whether any option was given, for commands where they do not apply. */
    boolean anyGiven() {
        return searchSteps != null || learningRate != null || constant != null || confidence != null
                || overshoot != null || gamma != null || candidates != null;
    }
}
