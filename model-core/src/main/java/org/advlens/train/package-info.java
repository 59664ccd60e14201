/**
 * Training classifiers: the methods of the training lab (standard, adversarial, TRADES, mixup, noise,
 * distillation, Parseval), options, checkpoints, the training job and its report. The autoencoder that
 * counterfactuals need is trained in {@code org.advlens.counterfactual}, so training does not depend on it.
 */
package org.advlens.train;
