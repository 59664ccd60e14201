/** The robustness report: a dialog that runs the standard battery on the loaded model and writes its HTML page. */
package org.advlens.app.report;
