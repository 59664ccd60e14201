/** The decision-boundary explorer: planes through the current image, side by side for two models, and the logit-linearity chart. */
package org.advlens.app.boundary;
