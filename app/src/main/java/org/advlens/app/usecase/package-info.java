/** What the command line and the views both do: one class per use case, a validated request in, a result out. */
package org.advlens.app.usecase;
