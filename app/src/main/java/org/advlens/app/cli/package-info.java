/** The {@code advlens} command line: train, eval, attack, curve and bench subcommands over the engine, and the desktop app's entry point. */
package org.advlens.app.cli;
