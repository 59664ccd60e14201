package org.advlens.app.cli;

import org.advlens.provenance.Provenance;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the engine version and the Java runtime. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "advlens " + Provenance.version(),
            "Java " + System.getProperty("java.runtime.version", System.getProperty("java.version")) + " ("
                    + System.getProperty("java.vendor", "") + "), " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch"),
        };
    }
}
