/** Counterfactual explanations. */
package org.advlens.counterfactual;
