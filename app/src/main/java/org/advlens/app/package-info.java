/** The AdvLens desktop application: JavaFX views and view models over the engine in model-core. */
package org.advlens.app;
