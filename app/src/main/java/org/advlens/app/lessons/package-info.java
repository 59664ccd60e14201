/** Teaching mode: lessons as data files, their parser, and the runner that walks the real views through them. */
package org.advlens.app.lessons;
