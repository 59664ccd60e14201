/** Robustness-curve and training charts built with JFreeChart, free of JavaFX, with PNG and SVG export; shared by the UI and the command line. */
package org.advlens.app.common.charts;
