package org.advlens.app.concepts;

import java.util.List;
import org.advlens.data.Images;
import org.advlens.saliency.relevance.ConceptAtlas;

/**
 * What the Concepts view shows: the explained image, its atlas entry, and the data set the reference images come
 * from, with what is needed to draw and label them.
 *
 * @param image the explained image in the model's pixel space
 * @param entry the image's concepts and their reference images
 * @param references the data set the reference indices point into
 * @param referenceSource where that data set came from
 * @param classNames the model's classes
 * @param lower the model's lowest pixel value
 * @param upper the model's highest pixel value
 * @param composite the LRP rules used
 */
public record ConceptsResult(Images image, ConceptAtlas.Entry entry, Images references, String referenceSource,
                             List<String> classNames, double lower, double upper, String composite) {

    public ConceptsResult {
        classNames = List.copyOf(classNames);
    }

    public String className(int k) {
        return k >= 0 && k < classNames.size() ? classNames.get(k) : "class " + k;
    }
}
