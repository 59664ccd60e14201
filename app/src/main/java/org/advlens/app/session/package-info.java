/** What the application remembers between runs: recent files, window bounds and theme. */
package org.advlens.app.session;
