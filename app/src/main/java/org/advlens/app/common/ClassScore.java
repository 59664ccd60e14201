package org.advlens.app.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One class and its probability.
 *
 * @param index the class index
 * @param name the class name
 * @param probability the softmax probability in [0, 1]
 */
public record ClassScore(int index, String name, double probability) {

    /** The {@code k} most probable classes, most probable first (ties by lower index). */
    public static List<ClassScore> topK(float[] probabilities, List<String> names, int k) {
        List<ClassScore> out = new ArrayList<>();
        IntStream.range(0, probabilities.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -probabilities[i]).thenComparingInt(i -> i))
                .limit(Math.max(0, k))
                .forEach(i -> out.add(new ClassScore(i, nameOf(names, i), probabilities[i])));
        return out;
    }

    /** The class name, or "class i" when there is none. */
    public static String nameOf(List<String> names, int index) {
        return names != null && index >= 0 && index < names.size() ? names.get(index) : "class " + index;
    }
}
