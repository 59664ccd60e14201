package org.advlens.report.html;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Prints a report page to PDF with a Chromium-family browser installed on the machine, in headless mode, using the
 * page's print styles (A4, sections kept whole). No Java library renders the inline-SVG charts as faithfully, so
 * the PDF is optional: without a browser on the {@code PATH} the HTML is the report, and any browser's "print to
 * PDF" gives the same document.
 */
public final class BrowserPdfPrinter {

    /** Program names tried, in order, on the {@code PATH}. */
    public static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome",
            "google-chrome-stable");

    private static final long TIMEOUT_SECONDS = 120;

    private BrowserPdfPrinter() {
    }

    /** The first browser found on the {@code PATH}, if any. */
    public static Optional<Path> findBrowser() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : BROWSERS) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Prints {@code html} to {@code pdf}.
     *
     * @throws IllegalStateException when no browser is installed, or it fails or writes nothing
     */
    public static void print(Path html, Path pdf) throws IOException, InterruptedException {
        Path browser = findBrowser().orElseThrow(() -> new IllegalStateException("writing a PDF needs Chromium or "
                + "Google Chrome on the PATH (looked for " + BROWSERS + "); open report.html in a browser and print "
                + "it to PDF instead"));
        List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless", "--disable-gpu",
                "--no-pdf-header-footer", "--print-to-pdf=" + pdf.toAbsolutePath()));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--no-sandbox");
        }
        command.add(html.toAbsolutePath().toUri().toString());
        Files.deleteIfExists(pdf);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(browser + " did not print the report within " + TIMEOUT_SECONDS + " s");
        }
        if (p.exitValue() != 0 || !Files.exists(pdf) || Files.size(pdf) == 0) {
            throw new IllegalStateException(browser + " failed to print the report (exit " + p.exitValue() + ")");
        }
    }
}
