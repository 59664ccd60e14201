/** Images and labelled data sets in the engine's plain NCHW pixel-space layout, and their loaders. */
package org.advlens.data;
