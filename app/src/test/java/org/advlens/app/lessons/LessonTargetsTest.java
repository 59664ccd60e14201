package org.advlens.app.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.advlens.app.FxThread;
import org.advlens.app.attack.AttackViewModel;
import org.advlens.app.boundary.BoundaryViewModel;
import org.advlens.app.common.Notices;
import org.advlens.app.common.Workspace;
import org.advlens.app.counterfactual.CounterfactualViewModel;
import org.advlens.app.curves.CurveSettings;
import org.advlens.app.curves.CurvesViewModel;
import org.advlens.app.jobs.JobRunner;
import org.advlens.app.sanity.SanityViewModel;
import org.advlens.app.train.TrainingViewModel;
import org.advlens.attack.Norm;
import org.advlens.train.TrainingMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pages' lesson targets on the real view models (no model loaded): parameters reach the forms. */
class LessonTargetsTest {

    private static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static AttackViewModel attack;
    private static CurvesViewModel curves;
    private static SanityViewModel sanity;
    private static CounterfactualViewModel counterfactual;
    private static BoundaryViewModel boundary;
    private static TrainingViewModel training;
    private static LessonTargets targets;

    @BeforeAll
    static void viewModels() throws Exception {
        FxThread.call(() -> {
            Notices notices = new Notices();
            JobRunner jobs = JobRunner.synchronous(notices);
            Workspace workspace = new Workspace();
            attack = new AttackViewModel(workspace, jobs, notices);
            curves = new CurvesViewModel(workspace, jobs, notices);
            sanity = new SanityViewModel(workspace, jobs, notices);
            counterfactual = new CounterfactualViewModel(workspace, jobs, notices);
            boundary = new BoundaryViewModel(workspace, jobs, notices);
            training = new TrainingViewModel(jobs, notices, p -> { });
            attack.settings().classNames().setAll(FASHION);
            counterfactual.settings().useClasses(FASHION);
            targets = new LessonTargets(attack, curves, sanity, counterfactual, boundary, training);
            return null;
        });
    }

    @Test
    void everyBundledStepsParametersAndCommandsAreKnownToItsPage() throws Exception {
        // for every step of every bundled lesson that sets parameters or runs a command
        for (String name : LessonLibrary.bundledNames()) {
            Lesson lesson = LessonLibrary.bundled(name);
            for (LessonStep s : lesson.steps()) {
                if (s.params().isEmpty() && !s.runs()) {
                    continue;
                }
                // then its page has a target, takes the parameters, and has the command
                LessonTarget t = targets.of(s.page());
                FxThread.call(() -> {
                    t.apply(s.params());
                    return null;
                });
                if (s.runs()) {
                    assertTrue(t.commands().contains(s.run()), name + ", " + s.title() + ": no command " + s.run());
                }
            }
        }
    }

    @Test
    void parametersReachTheForms() throws Exception {
        FxThread.call(() -> {
            targets.of(LessonPage.ATTACK).apply(Map.of("attack", "pgd", "eps", "0.05", "steps", "20", "norm", "l2",
                    "targeted", "true", "target", "Sandal", "minimum-norm", "true", "minimum-norm-attack", "cw"));
            targets.of(LessonPage.CURVES).apply(Map.of("attacks", "fgsm, apgd-dlr", "eps", "0, 0.1", "limit", "50"));
            targets.of(LessonPage.BOUNDARY).apply(Map.of("u", "gradient", "eps", "0.2", "resolution", "21"));
            targets.of(LessonPage.TRAINING).apply(Map.of("method", "distillation", "temperature", "50"));
            return null;
        });
        assertEquals("pgd", attack.settings().attackProperty().get().name());
        assertEquals(0.05, attack.settings().epsilonProperty().get(), 1e-12);
        assertEquals(Norm.L2, attack.settings().normProperty().get());
        assertEquals(5, attack.settings().targetClassProperty().get());
        assertEquals("cw", attack.minimumNorm().attackProperty().get().name());
        assertTrue(attack.minimumNorm().enabledProperty().get());
        CurveSettings c = curves.settings();
        assertEquals(List.of("fgsm", "apgd-dlr"), c.chosenAttacks().entrySet().stream().filter(e -> e.getValue().get())
                .map(e -> e.getKey().name()).toList());
        assertEquals(CurveSettings.EpsilonMode.LIST, c.modeProperty().get());
        assertEquals(50, c.limitProperty().get());
        assertEquals("gradient", boundary.uProperty().get());
        assertEquals(21, boundary.resolutionProperty().get());
        assertEquals(TrainingMethod.Kind.DISTILLATION, training.settings().methodProperty().get());
    }

    @Test
    void anUnknownParameterOrBadValueChangesNothingAndSaysWhatIsExpected() throws Exception {
        // given the attack form at steps 20
        FxThread.call(() -> {
            targets.of(LessonPage.ATTACK).apply(Map.of("steps", "20"));
            return null;
        });
        // when a lesson sets a parameter the page does not have
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> targets.of(LessonPage.ATTACK).apply(Map.of("epsilon", "0.1")));
        assertTrue(unknown.getMessage().startsWith("the attack page has no parameter 'epsilon'; it has attack, norm,"
                + " eps"), unknown.getMessage());
        // when one of two values is bad, neither is set
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> targets.of(LessonPage.ATTACK)
                .apply(new java.util.LinkedHashMap<>(Map.of("steps", "40", "attack", "pgd2"))));
        assertTrue(bad.getMessage().contains("attack 'pgd2' is not one of fgsm"), bad.getMessage());
        assertEquals(20, attack.settings().stepsProperty().get());
        assertThrows(IllegalArgumentException.class, () -> targets.of(LessonPage.ATTACK).apply(Map.of("target",
                "Hat")));
        assertThrows(IllegalArgumentException.class, () -> targets.of(LessonPage.BOUNDARY).apply(Map.of("u",
                "attack:nothing")));
        assertThrows(IllegalArgumentException.class, () -> targets.of(LessonPage.CURVES).run("plot"));
        IllegalArgumentException noTarget = assertThrows(IllegalArgumentException.class,
                () -> targets.of(LessonPage.MODEL));
        assertTrue(noTarget.getMessage().contains("not set or run anything"), noTarget.getMessage());
    }

    @Test
    void aPageThatCannotRunFailsTheStepWithItsReason() throws Exception {
        // given no model loaded, when a lesson runs the attack
        var done = FxThread.call(() -> targets.of(LessonPage.ATTACK).run("run"));
        // then the future fails with the page's own explanation
        assertTrue(done.isCompletedExceptionally());
        String why = assertThrows(java.util.concurrent.ExecutionException.class, done::get).getCause().getMessage();
        assertTrue(why.startsWith("the attack cannot run: Load a model"), why);
    }
}
