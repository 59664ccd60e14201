/** Training the bundled classifiers: options, the training job and its report. */
package org.advlens.train;
