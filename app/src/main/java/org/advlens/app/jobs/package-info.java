/** Background work: the one adapter from engine jobs to JavaFX tasks, on one engine thread, and the jobs panel. */
package org.advlens.app.jobs;
