package org.advlens.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.advlens.app.FxThread;
import org.advlens.app.common.Notices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

class CurrentJobTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxThread.start();
    }

    @Test
    void aFinishedJobLeavesItsResultAndSaysDoneAFailedOneSaysWhy() throws Exception {
        CurrentJob<Integer> job = new CurrentJob<>(this, JobRunner.synchronous(new Notices()));
        FxThread.run(() -> job.start("answer", (p, t) -> 42));
        FxThread.flush();
        assertEquals(42, FxThread.call(() -> job.resultProperty().get()));
        assertFalse(FxThread.call(() -> job.runningProperty().get()));
        assertEquals("Done", FxThread.call(() -> job.messageProperty().get()));

        FxThread.run(() -> job.start("broken", (p, t) -> {
            throw new IllegalArgumentException("no model loaded");
        }));
        FxThread.flush();
        assertEquals("Failed: no model loaded", FxThread.call(() -> job.messageProperty().get()));
        assertEquals(42, FxThread.call(() -> job.resultProperty().get()), "a failure keeps the last result");
        FxThread.run(job::clearResult);
        assertNull(FxThread.call(() -> job.resultProperty().get()));
    }

    @Test
    void startingAnotherJobCancelsTheRunningOneWhoseEndNoLongerCounts() throws Exception {
        JobRunner runner = JobRunner.engineThread(new Notices());
        try {
            CurrentJob<String> job = new CurrentJob<>(this, runner);
            CountDownLatch started = new CountDownLatch(1);
            EngineTask<String> slow = FxThread.call(() -> job.start("slow", (p, t) -> {
                started.countDown();
                while (true) {
                    t.throwIfCancelled();
                    Thread.sleep(5);
                }
            }));
            assertTrue(started.await(30, TimeUnit.SECONDS));
            EngineTask<String> fast = FxThread.call(() -> job.start("fast", (p, t) -> "second"));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> FxThread.call(fast::isDone));
            FxThread.flush();
            assertTrue(FxThread.call(slow::isCancelled));
            assertEquals("second", FxThread.call(() -> job.resultProperty().get()));
            assertEquals("Done", FxThread.call(() -> job.messageProperty().get()));
            assertFalse(FxThread.call(() -> job.runningProperty().get()));
        } finally {
            runner.close();
        }
    }
}
