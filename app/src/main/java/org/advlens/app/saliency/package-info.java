/** The saliency view: which pixels a class score depends on, by several attribution methods side by side. */
package org.advlens.app.saliency;
