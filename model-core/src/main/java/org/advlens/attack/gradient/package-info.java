/** White-box attacks that follow the gradient of a logit loss within a fixed epsilon: FGSM, BIM, PGD, APGD. */
package org.advlens.attack.gradient;
