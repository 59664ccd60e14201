package org.advlens.app.lessons;

import java.util.concurrent.CompletableFuture;
import org.advlens.app.boundary.BoundaryViewModel;

/**
 * The Boundary page for lessons: the directions {@code u} and {@code v} (such as {@code attack:fgsm},
 * {@code gradient}, {@code random}), {@code eps}, {@code norm}, {@code resolution}, {@code compare-robust} (true
 * or false); the command {@code run} computes the planes and the logit-linearity sweep.
 */
final class BoundaryLessonTarget extends FormLessonTarget {

    private final BoundaryViewModel vm;

    BoundaryLessonTarget(BoundaryViewModel vm) {
        this.vm = vm;
        this.params = new LessonParameters("boundary")
                .add("u", v -> direction("u", v, vm.uProperty()))
                .add("v", v -> direction("v", v, vm.vProperty()))
                .number("eps", vm.epsilonProperty()::set)
                .choice("norm", AttackLessonTarget.norms(), vm.normProperty())
                .whole("resolution", vm.resolutionProperty())
                .flag("compare-robust", vm.compareRobustProperty());
    }

    private static Runnable direction(String name, String value, javafx.beans.property.Property<String> property) {
        if (!BoundaryViewModel.directionChoices().contains(value.strip())) {
            throw new IllegalArgumentException(name + " '" + value + "' is not one of "
                    + String.join(", ", BoundaryViewModel.directionChoices()));
        }
        return () -> property.setValue(value.strip());
    }

    @Override
    public CompletableFuture<Void> run(String command) {
        if (!command.equals(LessonStep.MAIN_COMMAND)) {
            throw JobFutures.unknownCommand("boundary", command, commands());
        }
        return JobFutures.completion(vm.run(), () -> "the planes cannot run now: load a model and select an image");
    }
}
