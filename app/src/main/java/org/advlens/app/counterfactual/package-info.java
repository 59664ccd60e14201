/** The counterfactual view: the smallest readable change that makes the model predict a chosen class. */
package org.advlens.app.counterfactual;
