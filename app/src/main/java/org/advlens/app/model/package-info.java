/** Loading a classifier, showing its description and editing its input description. */
package org.advlens.app.model;
