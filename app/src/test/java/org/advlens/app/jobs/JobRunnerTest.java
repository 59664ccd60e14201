package org.advlens.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.concurrent.Worker;
import org.advlens.app.FxThread;
import org.advlens.app.common.Notices;
import org.advlens.job.CancellationToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

class JobRunnerTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxThread.start();
    }

    @Test
    void synchronousRunnerDeliversTheResultAndProgress() throws Exception {
        // given a synchronous runner
        Notices notices = new Notices();
        JobRunner runner = JobRunner.synchronous(notices);
        List<String> seen = new ArrayList<>();
        // when a job reports progress and returns 42
        EngineTask<Integer> task = FxThread.call(() -> runner.submit("answer", (p, t) -> {
            p.onProgress(0.5, "halfway");
            return 42;
        }).whenSucceeded(v -> seen.add("got " + v)));
        FxThread.flush();
        // then the task succeeded with it, the callback ran and the panel is empty again
        assertEquals(Worker.State.SUCCEEDED, FxThread.call(task::getState));
        assertEquals(42, FxThread.call(task::getValue));
        assertEquals(List.of("got 42"), seen);
        assertTrue(runner.activeTasks().isEmpty());
        assertEquals(1, runner.history().size());
    }

    @Test
    void failureBecomesOneReadableNotice() throws Exception {
        // given a job that fails with a wrapped exception
        Notices notices = new Notices();
        JobRunner runner = JobRunner.synchronous(notices);
        AtomicReference<String> message = new AtomicReference<>();
        // when it runs
        EngineTask<Object> task = FxThread.call(() -> runner.submit("Load model", (p, t) -> {
            throw new RuntimeException(new IOException("broken.zip: not a model file"));
        }).whenFailed(message::set));
        FxThread.flush();
        // then the message is the cause's, without a stack trace, and it is posted as an error
        assertEquals(Worker.State.FAILED, FxThread.call(task::getState));
        assertTrue(message.get().contains("broken.zip: not a model file"), message.get());
        assertEquals(Notices.Level.ERROR, notices.log().get(0).level());
        assertTrue(notices.log().get(0).line().startsWith("Load model failed"), notices.log().get(0).line());
        assertTrue(!notices.log().get(0).text().contains("at org."), notices.log().get(0).text());
    }

    @Test
    void cancelStopsTheJobAtItsNextCheckOnTheEngineThread() throws Exception {
        // given a runner with an engine thread and a job that loops until cancelled
        Notices notices = new Notices();
        JobRunner runner = JobRunner.engineThread(notices);
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<String> thread = new AtomicReference<>();
        AtomicReference<CancellationToken> token = new AtomicReference<>();
        EngineTask<Integer> task = FxThread.call(() -> runner.submit("loop", (p, t) -> {
            thread.set(Thread.currentThread().getName());
            token.set(t);
            started.countDown();
            while (true) {
                t.throwIfCancelled();
                Thread.sleep(5);
            }
        }));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        // when the task is cancelled from the FX thread
        FxThread.run(task::cancel);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> FxThread.call(task::getState) == Worker.State.CANCELLED);
        // then the job's token was cancelled, the job ran on the engine thread, and a later job still runs
        assertTrue(token.get().isCancelled());
        assertEquals("advlens-engine", thread.get());
        assertNotEquals(Thread.currentThread().getName(), thread.get());
        EngineTask<String> next = FxThread.call(() -> runner.submit("next", (p, t) -> "ok"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> FxThread.call(next::getState) == Worker.State.SUCCEEDED);
        assertEquals("ok", FxThread.call(next::getValue));
        runner.close();
    }
}
