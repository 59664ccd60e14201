package org.advlens.app.lessons;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.advlens.app.curves.CurveSettings;
import org.advlens.app.curves.CurvesViewModel;

/**
 * The Curves page for lessons: {@code attacks} (comma-separated registry names), {@code eps} (a comma-separated
 * list), {@code norm}, {@code steps}, {@code limit} (images), {@code seed}; the commands {@code run} (the curves),
 * {@code compare-robust} (the same curves on the bundled robust model too) and {@code diagnose} (the evaluation
 * diagnostics: masking, convergence, black-box versus white-box).
 */
final class CurvesLessonTarget extends FormLessonTarget {

    private final CurvesViewModel vm;

    CurvesLessonTarget(CurvesViewModel vm) {
        this.vm = vm;
        CurveSettings s = vm.settings();
        this.params = new LessonParameters("curves")
                .add("attacks", v -> {
                    String[] names = v.split(",");
                    for (int i = 0; i < names.length; i++) {
                        names[i] = names[i].strip();
                        String n = names[i];
                        if (s.chosenAttacks().keySet().stream().noneMatch(a -> a.name().equals(n))) {
                            throw new IllegalArgumentException("attacks: '" + n + "' is not one of " + String.join(
                                    ", ", s.chosenAttacks().keySet().stream().map(a -> a.name()).toList()));
                        }
                    }
                    return () -> s.choose(names);
                })
                .add("eps", v -> () -> {
                    s.modeProperty().set(CurveSettings.EpsilonMode.LIST);
                    s.listProperty().set(v);
                })
                .choice("norm", AttackLessonTarget.norms(), s.normProperty())
                .whole("steps", s.stepsProperty())
                .whole("limit", s.limitProperty())
                .text("seed", s.seedProperty());
    }

    @Override
    public List<String> commands() {
        return List.of(LessonStep.MAIN_COMMAND, "compare-robust", "diagnose");
    }

    @Override
    public CompletableFuture<Void> run(String command) {
        return switch (command) {
            case LessonStep.MAIN_COMMAND -> {
                vm.comparisonProperty().set(null);
                yield JobFutures.completion(vm.runCurves(), this::whyNot);
            }
            case "compare-robust" -> JobFutures.completion(vm.compareWithRobust(), this::whyNot);
            case "diagnose" -> JobFutures.completion(vm.diagnostics().diagnose(), () -> "the diagnostics cannot run: "
                    + vm.diagnostics().summaryProperty().get());
            default -> throw JobFutures.unknownCommand("curves", command, commands());
        };
    }

    private String whyNot() {
        String e = vm.settings().errorProperty().get();
        return "the curves cannot run" + (e.isEmpty() ? " now" : ": " + e);
    }
}
