package org.advlens.app.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The runner on a recording host: the order of a step's actions, waiting for jobs, Back, failures. */
class LessonRunnerTest {

    private static final String LESSON = """
            {
              "id": "walk",
              "title": "Walk",
              "steps": [
                { "title": "Load", "text": "Model and page.", "model": "robust", "page": "attack", "sample": "Coat",
                  "params": {"eps": "0.2"}, "run": true },
                { "title": "Look", "text": "Nothing runs.", "page": "curves" },
                { "title": "Run", "text": "A second command.", "page": "curves", "run": "diagnose" },
                { "title": "You", "text": "Your turn.", "tryIt": true }
              ]
            }
            """;

    /** Records every call; jobs finish when the test completes their futures. */
    private static final class RecordingHost implements LessonHost, LessonTarget {
        final List<String> calls = new ArrayList<>();
        final List<CompletableFuture<Void>> jobs = new ArrayList<>();
        CompletableFuture<Void> model = new CompletableFuture<>();

        @Override
        public void show(LessonPage page) {
            calls.add("show " + page.fileName());
        }

        @Override
        public CompletableFuture<Void> useModel(String name) {
            calls.add("model " + name);
            return model;
        }

        @Override
        public void selectSample(String name) {
            calls.add("sample " + name);
        }

        @Override
        public LessonTarget target(LessonPage page) {
            return this;
        }

        @Override
        public List<String> parameterNames() {
            return List.of("eps");
        }

        @Override
        public List<String> commands() {
            return List.of("run", "diagnose");
        }

        @Override
        public void apply(Map<String, String> params) {
            if (!params.keySet().equals(Set.of("eps"))) {
                throw new IllegalArgumentException("no parameter " + params.keySet());
            }
            calls.add("apply " + params);
        }

        @Override
        public CompletableFuture<Void> run(String command) {
            calls.add("run " + command);
            CompletableFuture<Void> job = new CompletableFuture<>();
            jobs.add(job);
            return job;
        }
    }

    @Test
    void aStepLoadsItsModelThenActsInOrderAndWaitsForItsJob() throws Exception {
        // given a lesson whose first step loads a model, opens a page, selects a sample, sets eps and runs
        RecordingHost host = new RecordingHost();
        LessonRunner runner = new LessonRunner(LessonParser.parse(LESSON, "walk.json"), host, Runnable::run);
        // when it starts, nothing but the model load happens until the model is there
        runner.start();
        assertEquals(List.of("model robust"), host.calls);
        assertTrue(runner.busyProperty().get());
        assertFalse(runner.canNextProperty().get());
        assertEquals("Step 1 of 4", runner.progressTextProperty().get());
        // when the model has loaded, the page, sample, parameters and job follow in that order
        host.model.complete(null);
        assertEquals(List.of("model robust", "show attack", "sample Coat", "apply {eps=0.2}", "run run"), host.calls);
        assertTrue(runner.busyProperty().get(), "still waiting for the job");
        // when the job finishes, Next is offered
        host.jobs.get(0).complete(null);
        assertFalse(runner.busyProperty().get());
        assertTrue(runner.canNextProperty().get());
        assertFalse(runner.canBackProperty().get());
    }

    @Test
    void backShowsThePreviousStepWithoutRunningItAgain() throws Exception {
        RecordingHost host = new RecordingHost();
        host.model.complete(null);
        LessonRunner runner = new LessonRunner(LessonParser.parse(LESSON, "walk.json"), host, Runnable::run);
        runner.start();
        host.jobs.get(0).complete(null);
        runner.next();
        runner.next();
        assertEquals("run diagnose", host.calls.get(host.calls.size() - 1));
        host.jobs.get(1).complete(null);
        assertEquals("Step 3 of 4", runner.progressTextProperty().get());
        // when the user goes back
        host.calls.clear();
        runner.back();
        // then the previous step's page and text show, and nothing runs
        assertEquals(List.of("show curves"), host.calls);
        assertEquals("Look", runner.stepProperty().get().title());
        assertEquals(2, host.jobs.size());
        // and going forward performs the next step again; the last one hands control back with no action
        runner.next();
        assertEquals(3, host.jobs.size());
        host.jobs.get(2).complete(null);
        host.calls.clear();
        runner.next();
        assertEquals(List.of(), host.calls);
        assertEquals("You", runner.stepProperty().get().title());
        assertTrue(runner.stepProperty().get().tryIt());
        assertFalse(runner.canNextProperty().get());
    }

    @Test
    void aFailedJobIsReportedAndTheLessonGoesOn() throws Exception {
        RecordingHost host = new RecordingHost();
        LessonRunner runner = new LessonRunner(LessonParser.parse(LESSON, "walk.json"), host, Runnable::run);
        runner.start();
        // when the model cannot load
        host.model.completeExceptionally(new IllegalStateException("model file missing"));
        // then the step says why, performs nothing else, and Next is offered
        assertEquals("model file missing", runner.problemProperty().get());
        assertEquals(List.of("model robust"), host.calls);
        assertTrue(runner.canNextProperty().get());
        // when it is repeated with the model there, the problem clears
        host.model = CompletableFuture.completedFuture(null);
        runner.repeat();
        assertEquals("", runner.problemProperty().get());
        host.jobs.get(0).completeExceptionally(new IllegalStateException("cancelled"));
        assertEquals("cancelled", runner.problemProperty().get());
    }

    @Test
    void leavingIgnoresAJobThatFinishesLater() throws Exception {
        RecordingHost host = new RecordingHost();
        host.model.complete(null);
        LessonRunner runner = new LessonRunner(LessonParser.parse(LESSON, "walk.json"), host, Runnable::run);
        runner.start();
        runner.leave();
        host.jobs.get(0).completeExceptionally(new IllegalStateException("late"));
        assertEquals("", runner.problemProperty().get());
        assertFalse(runner.busyProperty().get());
    }
}
