/** Pieces shared by the features: the workspace state, notices, image rendering and small controls. */
package org.advlens.app.common;
