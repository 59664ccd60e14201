/**
 * The attacks by name, as the command line and the views offer them, and the AutoAttack-style ensemble built
 * from them. A new attack is one class in its kind's package plus one line here.
 */
package org.advlens.attack.catalog;
