package org.advlens.app.lessons;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.advlens.app.counterfactual.CounterfactualSettings;
import org.advlens.app.counterfactual.CounterfactualSettings.Kind;
import org.advlens.app.counterfactual.CounterfactualViewModel;

/**
 * The Counterfactual page for lessons: {@code target} (class name or index), {@code kind} ({@code pixel},
 * {@code latent} or {@code both}), {@code steps}, {@code confidence}, {@code shown} (which result the page shows
 * when both ran: {@code pixel} or {@code latent}); the commands {@code run} (the
 * counterfactual) and {@code compare-adversarial} (targeted PGD to the same class, beside it).
 */
final class CounterfactualLessonTarget extends FormLessonTarget {

    private final CounterfactualViewModel vm;

    CounterfactualLessonTarget(CounterfactualViewModel vm) {
        this.vm = vm;
        CounterfactualSettings s = vm.settings();
        this.params = new LessonParameters("counterfactual")
                .add("target", v -> {
                    int c = LessonParameters.parseClass("target", v, s.classNames());
                    return () -> s.targetClassProperty().set(c);
                })
                .choice("kind", Map.of("pixel", Kind.PIXEL, "latent", Kind.LATENT, "both", Kind.BOTH),
                        s.kindProperty())
                .whole("steps", s.stepsProperty())
                .text("confidence", s.confidenceProperty())
                .add("shown", v -> {
                    int item = switch (v.strip()) {
                        case "pixel" -> 0;
                        case "latent" -> 1;
                        default -> throw new IllegalArgumentException("shown '" + v + "' is not one of pixel, latent");
                    };
                    return () -> vm.shownProperty().set(item);
                });
    }

    @Override
    public List<String> commands() {
        return List.of(LessonStep.MAIN_COMMAND, "compare-adversarial");
    }

    @Override
    public CompletableFuture<Void> run(String command) {
        return switch (command) {
            case LessonStep.MAIN_COMMAND -> JobFutures.completion(vm.runCounterfactual(),
                    () -> "the counterfactual cannot run: " + vm.statusProperty().get());
            case "compare-adversarial" -> JobFutures.completion(vm.compareWithAdversarial(),
                    () -> "run the counterfactual first");
            default -> throw JobFutures.unknownCommand("counterfactual", command, commands());
        };
    }
}
