package org.advlens.job;

/** Runs jobs synchronously, on the calling thread: the runner used by the command line and by tests. */
public final class Jobs {

    private Jobs() {
    }

    public static <T> T runNow(Job<T> job) throws Exception {
        return job.run(ProgressListener.NONE, CancellationToken.create());
    }

    public static <T> T runNow(Job<T> job, ProgressListener progress) throws Exception {
        return job.run(progress, CancellationToken.create());
    }
}
