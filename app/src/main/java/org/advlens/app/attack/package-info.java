/** The attack view: one image, one attack, and what it changed. */
package org.advlens.app.attack;
