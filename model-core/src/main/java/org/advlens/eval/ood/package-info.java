/** Out-of-distribution detection: scores that rank images as in- or out-of-distribution, built-in out-of-distribution sets, and the AUROC, AUPR and FPR-at-95%-TPR of a detector. */
package org.advlens.eval.ood;
