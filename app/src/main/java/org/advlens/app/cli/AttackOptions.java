package org.advlens.app.cli;

import java.util.List;
import org.advlens.attack.AttackParams;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.Norm;
import picocli.CommandLine.Option;

/** The attack parameters shared by {@code attack} and {@code curve}; unset ones keep each attack's default. */
final class AttackOptions {

    @Option(names = "--norm", paramLabel = "NORM", description = "linf or l2 (default: linf)")
    String norm;

    @Option(names = "--steps", paramLabel = "N",
            description = "gradient steps of iterative attacks, Square's queries (default: the attack's own, 20 for "
                    + "PGD); with a minimum-norm attack, its steps as in minnorm --help")
    Integer steps;

    @Option(names = "--step-size", paramLabel = "R",
            description = "step size relative to eps (default: the attack's own, 2.5/steps for PGD, 1/steps for BIM)")
    Double stepSize;

    @Option(names = "--restarts", paramLabel = "N", description = "random restarts of PGD (default: 1)")
    Integer restarts;

    @Option(names = "--target", paramLabel = "CLASS",
            description = "targeted attack towards this class (index or name); default: untargeted")
    String target;

    @Option(names = "--seed", paramLabel = "S", description = "seed of every random choice (default: 0)")
    Long seed;

    /** The attack's defaults with every option the user gave applied. */
    AttackParams params(FixedEpsilonAttack attack, List<String> classNames) {
        AttackParams p = attack.defaults();
        if (norm != null) {
            p = p.withNorm(Norm.parse(norm));
        }
        if (steps != null) {
            p = p.withSteps(steps);
        }
        if (stepSize != null) {
            p = p.withRelativeStepSize(stepSize);
        }
        if (restarts != null) {
            p = p.withRestarts(restarts);
        }
        if (target != null) {
            p = p.withTarget(ClassNames.resolve(target, classNames, "--target"));
        }
        if (seed != null) {
            p = p.withSeed(seed);
        }
        return p;
    }

    /** Checks what can be checked before a model is loaded, so typos fail fast. */
    void validate() {
        if (norm != null) {
            Norm.parse(norm);
        }
        AttackParams p = AttackParams.defaults();
        if (steps != null) {
            p.withSteps(steps);
        }
        if (stepSize != null) {
            p.withRelativeStepSize(stepSize);
        }
        if (restarts != null) {
            p.withRestarts(restarts);
        }
    }
}
