/** The Concepts view: concept relevance propagation of the current image, with each concept's reference images. */
package org.advlens.app.concepts;
