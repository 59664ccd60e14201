/** Writers for the documented result formats (JSON, CSV) with provenance. */
package org.advlens.report;
