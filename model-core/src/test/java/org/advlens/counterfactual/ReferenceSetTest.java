package org.advlens.counterfactual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advlens.data.Images;
import org.advlens.data.LabelledDataset;
import org.junit.jupiter.api.Test;

class ReferenceSetTest {

    /** Five two-pixel images: class 0 near (0, 0), class 1 near (1, 1), one class-1 outlier at (0.1, 0). */
    private static ReferenceSet points() {
        float[] px = {0, 0, 0.2f, 0, 1, 1, 0.9f, 1, 0.1f, 0};
        int[] labels = {0, 0, 1, 1, 1};
        return new ReferenceSet(new LabelledDataset("points", "test", new Images(px, 5, 1, 1, 2), labels,
                List.of("a", "b")));
    }

    @Test
    void theNearestDistanceIsToTheNearestExampleOfThatClass() {
        ReferenceSet ref = points();
        // the class-1 example nearest (0, 0) is the outlier at (0.1, 0)
        assertEquals(0.1, ref.nearestDistance(new float[] {0, 0}, 1), 1e-6);
        assertEquals(0.0, ref.nearestDistance(new float[] {0, 0}, 0), 1e-6);
    }

    @Test
    void theVoteIsTheMajorityOfTheKNearest() {
        ReferenceSet ref = points();
        // one neighbour: the outlier (class 1) is nearest to (0.1, 0.01)
        assertEquals(1, ref.nearestNeighbourVote(new float[] {0.1f, 0.01f}, 1));
        // three neighbours: (0.1,0) class 1, (0,0) and (0.2,0) class 0 -> class 0 wins two to one
        assertEquals(0, ref.nearestNeighbourVote(new float[] {0.1f, 0.01f}, 3));
        // two neighbours tie one to one: the nearer example's class wins
        assertEquals(1, ref.nearestNeighbourVote(new float[] {0.1f, 0.01f}, 2));
        // near (1, 1) every vote is class 1
        assertEquals(1, ref.nearestNeighbourVote(new float[] {1, 0.95f}, 3));
    }

    @Test
    void badArgumentsAreNamed() {
        ReferenceSet ref = points();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ref.nearestNeighbourVote(new float[] {0, 0}, 6));
        assertTrue(e.getMessage().contains("k must be in [1, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ref.nearestNeighbourVote(new float[] {0, 0, 0}, 1));
        assertTrue(e.getMessage().contains("3 values"), e.getMessage());
    }
}
