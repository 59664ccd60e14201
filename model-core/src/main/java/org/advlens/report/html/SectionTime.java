package org.advlens.report.html;

/**
 * How long one section of the battery was estimated to take and took.
 *
 * @param section the section's name
 * @param estimatedSeconds the estimate made before the run
 * @param seconds the measured time, or {@code NaN} when the section did not run
 */
public record SectionTime(String section, double estimatedSeconds, double seconds) {

    public SectionTime {
        if (section == null || section.isBlank()) {
            throw new IllegalArgumentException("a section needs a name");
        }
        if (!(estimatedSeconds >= 0)) {
            throw new IllegalArgumentException("estimated seconds must be >= 0, got " + estimatedSeconds);
        }
    }
}
