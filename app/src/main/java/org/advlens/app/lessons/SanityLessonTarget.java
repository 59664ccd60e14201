package org.advlens.app.lessons;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.advlens.app.sanity.SanitySettings;
import org.advlens.app.sanity.SanityViewModel;
import org.advlens.saliency.sanity.Randomization;

/**
 * The Sanity checks page for lessons: {@code methods} (comma-separated saliency method names),
 * {@code randomization} ({@code cascading} or {@code independent}), {@code images}, {@code seed}; the command
 * {@code run} runs the model-randomisation check.
 */
final class SanityLessonTarget extends FormLessonTarget {

    private final SanityViewModel vm;

    SanityLessonTarget(SanityViewModel vm) {
        this.vm = vm;
        SanitySettings s = vm.settings();
        this.params = new LessonParameters("sanity")
                .add("methods", v -> {
                    String[] names = v.split(",");
                    for (int i = 0; i < names.length; i++) {
                        names[i] = names[i].strip();
                        String n = names[i];
                        if (s.methodNames().stream().noneMatch(m -> m.equals(
                                org.advlens.saliency.method.SaliencyMethods.canonical(n)))) {
                            throw new IllegalArgumentException("methods: '" + n + "' is not one of "
                                    + String.join(", ", s.methodNames()));
                        }
                    }
                    return () -> s.choose(names);
                })
                .choice("randomization", Map.of("cascading", Randomization.CASCADING, "independent",
                        Randomization.INDEPENDENT), s.randomizationProperty())
                .whole("images", s.imagesProperty())
                .text("seed", s.seedProperty());
    }

    @Override
    public CompletableFuture<Void> run(String command) {
        if (!command.equals(LessonStep.MAIN_COMMAND)) {
            throw JobFutures.unknownCommand("sanity", command, commands());
        }
        return JobFutures.completion(vm.runCheck(), () -> {
            String e = vm.settings().errorProperty().get();
            return "the sanity check cannot run" + (e.isEmpty() ? " now" : ": " + e);
        });
    }
}
