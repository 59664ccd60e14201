/** Common corruptions and perturbation sequences of images (Hendrycks and Dietterich 2019), as pure seeded functions. */
package org.advlens.corruption;
