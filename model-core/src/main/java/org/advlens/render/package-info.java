/**
 * Rendering shared by every picture the engine draws, at the bottom of the engine: the colour maps (one diverging
 * map for signed values, as used by both the attack heatmap and the saliency maps). It depends on nothing else.
 */
package org.advlens.render;
