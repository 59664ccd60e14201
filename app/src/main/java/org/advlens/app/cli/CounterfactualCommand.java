package org.advlens.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder. */
@Command(name = "counterfactual")
final class CounterfactualCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
