package org.advlens.app.lessons;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.advlens.app.attack.AttackSettings;
import org.advlens.app.attack.AttackViewModel;
import org.advlens.app.attack.MinimumNormSettings;
import org.advlens.attack.FixedEpsilonAttack;
import org.advlens.attack.Norm;

/**
 * The Attack page for lessons: the fixed-budget attack ({@code attack}, {@code eps}, {@code norm}, {@code steps},
 * {@code restarts}, {@code seed}, {@code targeted}, {@code target}) and the minimum-norm attack
 * ({@code minimum-norm} true or false, {@code minimum-norm-attack} such as {@code lbfgs} or {@code cw},
 * {@code minimum-norm-steps}, {@code search-steps}, {@code confidence}); the command {@code run} attacks the
 * selected image.
 */
final class AttackLessonTarget extends FormLessonTarget {

    private final AttackViewModel vm;

    AttackLessonTarget(AttackViewModel vm) {
        this.vm = vm;
        AttackSettings s = vm.settings();
        MinimumNormSettings m = vm.minimumNorm();
        Map<String, FixedEpsilonAttack> attacks = new LinkedHashMap<>();
        s.attacks().forEach(a -> attacks.put(a.name(), a));
        this.params = new LessonParameters("attack")
                .choice("attack", attacks, s.attackProperty())
                .choice("norm", norms(), s.normProperty())
                .text("eps", s.epsilonTextProperty())
                .whole("steps", s.stepsProperty())
                .whole("restarts", s.restartsProperty())
                .text("seed", s.seedProperty())
                .flag("targeted", s.targetedProperty())
                .add("target", v -> {
                    int c = LessonParameters.parseClass("target", v, s.classNames());
                    return () -> s.targetClassProperty().set(c);
                })
                .flag("minimum-norm", m.enabledProperty())
                .add("minimum-norm-attack", v -> {
                    boolean known = m.attacks().stream().anyMatch(a -> a.name().equals(v.strip()))
                            || v.strip().equals("jsma-decrease");
                    if (!known) {
                        throw new IllegalArgumentException("minimum-norm-attack '" + v + "' is not one of "
                                + String.join(", ", m.attacks().stream().map(a -> a.name()).toList()));
                    }
                    return () -> m.choose(v);
                })
                .whole("minimum-norm-steps", m.stepsProperty())
                .whole("search-steps", m.searchStepsProperty())
                .text("confidence", m.confidenceProperty());
    }

    static Map<String, Norm> norms() {
        return Map.of("linf", Norm.LINF, "l2", Norm.L2);
    }

    @Override
    public CompletableFuture<Void> run(String command) {
        if (!command.equals(LessonStep.MAIN_COMMAND)) {
            throw JobFutures.unknownCommand("attack", command, commands());
        }
        return JobFutures.completion(vm.runAttack(), () -> "the attack cannot run: " + vm.statusProperty().get());
    }
}
