/**
 * Files, at the bottom of the engine: writing them atomically ({@link org.advlens.io.AtomicFiles}), so that a
 * crash leaves the old content or the new, never half of it. Every package may use it; it uses none of them.
 */
package org.advlens.io;

import org.advlens.io.AtomicFiles;
