/** The Faithfulness view: every saliency method scored on a data set sample, for one model or two side by side. */
package org.advlens.app.faithfulness;
