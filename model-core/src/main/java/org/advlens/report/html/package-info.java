/** The robustness report: a configurable battery of evaluations run on one model, written as one HTML file. */
package org.advlens.report.html;
