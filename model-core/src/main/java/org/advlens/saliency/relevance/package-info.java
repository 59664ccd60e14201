/** Layer-wise relevance propagation, its rules and composites, and concept relevance propagation. */
package org.advlens.saliency.relevance;
