package org.advlens.app.lessons;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.advlens.app.jobs.EngineTask;

/** Turns a page's job into the future a lesson waits on. */
final class JobFutures {

    private JobFutures() {
    }

    /**
     * The future of the task {@code start} returns; when it returns {@code null} (the page cannot run now), a
     * failed future with {@code whyNot}'s message.
     */
    static CompletableFuture<Void> completion(EngineTask<?> task, Supplier<String> whyNot) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (task == null) {
            done.completeExceptionally(new IllegalStateException(whyNot.get()));
            return done;
        }
        task.whenSucceeded(r -> done.complete(null))
                .whenFailed(message -> done.completeExceptionally(new IllegalStateException(message)))
                .whenCancelled(() -> done.completeExceptionally(new IllegalStateException("cancelled")));
        return done;
    }

    static IllegalArgumentException unknownCommand(String page, String command, java.util.List<String> known) {
        return new IllegalArgumentException("the " + page + " page has no command '" + command + "'; it has "
                + String.join(", ", known));
    }
}
