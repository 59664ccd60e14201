/** Loading images and the gallery of bundled samples and data-set images. */
package org.advlens.app.image;
