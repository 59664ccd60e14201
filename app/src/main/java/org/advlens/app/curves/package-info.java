/** The curves view: accuracy versus epsilon over a data set, for several attacks. */
package org.advlens.app.curves;
