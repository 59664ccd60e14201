/** The Compare view: several models side by side, their transfer matrix, agreement and disagreements. */
package org.advlens.app.compare;
