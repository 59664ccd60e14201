package org.advlens.app.shell;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.advlens.app.attack.AttackResult;
import org.advlens.app.common.ImageItem;
import org.advlens.app.jobs.EngineTask;
import org.advlens.app.lessons.LessonHost;
import org.advlens.app.lessons.LessonPage;
import org.advlens.app.lessons.LessonStep;
import org.advlens.app.lessons.LessonTarget;
import org.advlens.app.lessons.LessonTargets;
import org.advlens.data.Images;
import org.advlens.model.Classifier;
import org.advlens.model.InputSpec;
import org.advlens.model.load.ModelLoader;

/** The main window as lessons see it: its pages, the bundled models and samples, and each page's lesson target. */
final class AppLessonHost implements LessonHost {

    private final MainViewModel vm;
    private final LessonTargets targets;

    AppLessonHost(MainViewModel vm) {
        this.vm = vm;
        this.targets = new LessonTargets(vm.attack(), vm.curves(), vm.sanity(), vm.counterfactual(), vm.boundary(),
                vm.training());
    }

    @Override
    public void show(LessonPage page) {
        vm.pageProperty().set(MainViewModel.Page.valueOf(page.name()));
    }

    @Override
    public CompletableFuture<Void> useModel(String name) {
        String resource = switch (name) {
            case "standard" -> ModelLoader.BUNDLED_MODEL;
            case "robust" -> ModelLoader.BUNDLED_ROBUST_MODEL;
            case "distilled" -> ModelLoader.BUNDLED_DISTILLED_MODEL;
            default -> throw new IllegalArgumentException("unknown model '" + name + "'; expected one of "
                    + String.join(", ", LessonStep.MODELS));
        };
        if (vm.workspace().modelInfo() != null && ("classpath:" + resource).equals(vm.workspace().modelInfo()
                .source())) {
            return CompletableFuture.completedFuture(null);
        }
        EngineTask<Classifier> task = switch (name) {
            case "robust" -> vm.model().loadBundledRobust();
            case "distilled" -> vm.model().loadBundledDistilled();
            default -> vm.model().loadBundled();
        };
        CompletableFuture<Void> done = new CompletableFuture<>();
        task.whenSucceeded(m -> done.complete(null))
                .whenFailed(message -> done.completeExceptionally(new IllegalStateException(message)))
                .whenCancelled(() -> done.completeExceptionally(new IllegalStateException("loading was cancelled")));
        return done;
    }

    @Override
    public void selectSample(String name) {
        if (name.equals(LessonStep.ADVERSARIAL_SAMPLE)) {
            selectAdversarial();
            return;
        }
        if (vm.gallery().samples().isEmpty()) {
            throw new IllegalStateException("the bundled samples are still loading; press Repeat in a moment");
        }
        ImageItem item = vm.gallery().samples().stream().filter(i -> i.name().equalsIgnoreCase(name.strip()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no bundled sample '" + name
                        + "'; the samples are " + String.join(", ", vm.gallery().samples().stream()
                        .map(ImageItem::name).toList()) + " (or \"adversarial\")"));
        vm.gallery().select(item);
    }

    /** Makes the Attack page's last adversarial image the selected image, keeping the original's label. */
    private void selectAdversarial() {
        AttackResult r = vm.attack().resultProperty().get();
        if (r == null) {
            throw new IllegalStateException("there is no adversarial image yet: run an attack first");
        }
        InputSpec spec = vm.workspace().inputSpec();
        Images fitted = r.outcome().adversarial();
        float[] unit = fitted.pixels().clone();
        for (int k = 0; k < unit.length; k++) {
            unit[k] = (float) ((unit[k] - spec.lower()) / spec.range());
        }
        String name = String.format(Locale.ROOT, "%s, adversarial (%s)", r.image().name(), r.attackDisplayName());
        vm.workspace().selectImage(new ImageItem(name, r.image().source() + " + " + r.attackDisplayName(),
                new Images(unit, 1, fitted.channels(), fitted.height(), fitted.width()), fitted, r.image().label()));
    }

    @Override
    public LessonTarget target(LessonPage page) {
        return targets.of(page);
    }
}
