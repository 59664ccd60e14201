/** Long-running work: progress reporting and cooperative cancellation, free of any UI toolkit. */
package org.advlens.job;
