/** The training view: train the Fashion-MNIST CNN by a chosen method and watch loss and accuracy per epoch. */
package org.advlens.app.train;
