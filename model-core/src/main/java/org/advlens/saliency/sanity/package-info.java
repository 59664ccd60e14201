/** The sanity checks for saliency maps of Adebayo et al. (2018): model parameter and data randomization. */
package org.advlens.saliency.sanity;
