package org.advlens.report.html;

/** The report page's style sheet, inlined into every page; print rules keep sections and figures whole. */
final class ReportStyle {

    static final String CSS = """
            :root { --ink: #1d232b; --muted: #5b6572; --rule: #d9dee4; --accent: #0072B2; --bad: #b3261e; }
            body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink);
                   max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; font-size: 14px; line-height: 1.45; }
            header { border-bottom: 3px solid var(--accent); margin-bottom: 1rem; }
            h1 { font-size: 1.6rem; margin: 0 0 .3rem 0; }
            h2 { font-size: 1.15rem; border-bottom: 1px solid var(--rule); padding-bottom: .2rem; margin-top: 1.8rem; }
            .sub { color: var(--muted); margin: 0 0 .6rem 0; }
            table { border-collapse: collapse; margin: .5rem 0 1rem 0; font-size: 13px; }
            th, td { border-bottom: 1px solid var(--rule); padding: .25rem .6rem; text-align: left;
                     vertical-align: top; }
            thead th { background: #f3f5f7; }
            td:not(:first-child) { font-variant-numeric: tabular-nums; }
            table.card th { width: 9rem; color: var(--muted); font-weight: normal; }
            code, pre { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 12px; }
            code.hash { word-break: break-all; }
            pre { background: #f6f8fa; border: 1px solid var(--rule); padding: .6rem; white-space: pre-wrap;
                  word-break: break-all; }
            figure { margin: .4rem 1rem .4rem 0; display: inline-block; vertical-align: top; }
            figcaption { color: var(--muted); font-size: 12px; text-align: center; }
            .ok { color: #1b6e3a; }
            .bad, .fooled { color: var(--bad); }
            .held { color: #1b6e3a; }
            .warn { border-left: 4px solid var(--bad); background: #fdf1f0; padding: .2rem .8rem; }
            .gallery { display: flex; flex-wrap: wrap; gap: 1rem; }
            .example { display: flex; gap: .3rem; border: 1px solid var(--rule); padding: .3rem; }
            .example img { image-rendering: pixelated; display: block; }
            @media print {
              body { margin: 0; max-width: none; font-size: 11px; }
              section { break-inside: avoid-page; }
              h2 { break-after: avoid; }
              figure, table, .example, pre { break-inside: avoid; }
              @page { size: A4; margin: 14mm; }
            }
            """;

    private ReportStyle() {
    }
}
