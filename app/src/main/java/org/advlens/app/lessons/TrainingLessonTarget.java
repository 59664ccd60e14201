package org.advlens.app.lessons;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.advlens.app.train.TrainingSettings;
import org.advlens.app.train.TrainingViewModel;
import org.advlens.train.TrainingMethod.Kind;

/**
 * The Training page for lessons: {@code method} ({@code standard}, {@code pgd-at}, {@code distillation}...),
 * {@code epochs}, {@code batch}, {@code train-limit}, {@code test-limit}, {@code seed}, {@code temperature}
 * (distillation) and {@code eps} (adversarial methods); the command {@code run} trains, with progress, and opens
 * the trained model.
 */
final class TrainingLessonTarget extends FormLessonTarget {

    private final TrainingViewModel vm;

    TrainingLessonTarget(TrainingViewModel vm) {
        this.vm = vm;
        TrainingSettings s = vm.settings();
        Map<String, Kind> methods = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            methods.put(k.label(), k);
        }
        this.params = new LessonParameters("training")
                .choice("method", methods, s.methodProperty())
                .text("epochs", s.epochsProperty())
                .text("batch", s.batchSizeProperty())
                .text("train-limit", s.trainLimitProperty())
                .text("test-limit", s.testLimitProperty())
                .text("seed", s.seedProperty())
                .text("temperature", s.valueProperty(org.advlens.app.train.MethodFields.Field.TEMPERATURE))
                .text("eps", s.valueProperty(org.advlens.app.train.MethodFields.Field.EPSILON));
    }

    @Override
    public CompletableFuture<Void> run(String command) {
        if (!command.equals(LessonStep.MAIN_COMMAND)) {
            throw JobFutures.unknownCommand("training", command, commands());
        }
        return JobFutures.completion(vm.train(), () -> {
            String e = vm.settings().errorProperty().get();
            return "training cannot start" + (e.isEmpty() ? " now" : ": " + e);
        });
    }
}
