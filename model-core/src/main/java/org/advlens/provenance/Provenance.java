package org.advlens.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Properties;

/**
 * Where and when a result was produced: the AdvLens version, the time, the Java runtime and the operating
 * system. Written into every exported file next to the model hash, the data and the attack parameters.
 *
 * @param advlensVersion version of the engine that produced the result
 * @param created when the result was produced
 * @param java Java runtime name and version
 * @param os operating system name, version and architecture
 */
public record Provenance(String advlensVersion, Instant created, String java, String os) {

    private static final String POM_PROPERTIES = "/META-INF/maven/org.advlens/model-core/pom.properties";

    /** Version reported when the engine runs from a build folder rather than a packaged jar. */
    public static final String UNPACKAGED = "development build";

    public Provenance {
        if (advlensVersion == null || advlensVersion.isBlank()) {
            throw new IllegalArgumentException("advlens version must not be blank, got '" + advlensVersion + "'");
        }
        if (created == null) {
            throw new IllegalArgumentException("creation time must not be null");
        }
        java = java == null ? "" : java;
        os = os == null ? "" : os;
    }

    /** Provenance of a result created now, on this machine. */
    public static Provenance now() {
        return at(Instant.now());
    }

    /** Provenance of a result created at {@code created}, on this machine. */
    public static Provenance at(Instant created) {
        return new Provenance(version(), created,
                System.getProperty("java.vendor", "") + " " + System.getProperty("java.runtime.version",
                        System.getProperty("java.version", "")),
                System.getProperty("os.name", "") + " " + System.getProperty("os.version", "") + " "
                        + System.getProperty("os.arch", ""));
    }

    /**
     * The engine's version: from the jar manifest, else from the Maven metadata packed into the jar, else
     * {@value #UNPACKAGED}.
     */
    public static String version() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        if (v != null && !v.isBlank()) {
            return v;
        }
        try (InputStream in = Provenance.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String pv = p.getProperty("version");
                if (pv != null && !pv.isBlank()) {
                    return pv;
                }
            }
        } catch (IOException e) {
            // fall through: the version is informative only
        }
        return UNPACKAGED;
    }
}
