package org.advlens.app.curves;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EpsilonListTest {

    @Test
    void rangeIncludesBothEnds() {
        // when asking for 7 values from 0 to 0.3
        double[] e = EpsilonList.range("0", "0.3", "7");
        // then they are evenly spaced, ends included
        assertArrayEquals(new double[] {0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3}, e, 1e-12);
    }

    @Test
    void listIsSortedWithoutDuplicates() {
        // when the list is out of order, with a duplicate and mixed separators
        double[] e = EpsilonList.list("0.1, 0; 0.05 0.1");
        // then it is sorted and distinct
        assertArrayEquals(new double[] {0, 0.05, 0.1}, e, 1e-12);
    }

    @Test
    void badInputNamesTheProblem() {
        // then each mistake gives a message naming the field and value
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                () -> EpsilonList.range("0", "x", "5"));
        assertTrue(a.getMessage().contains("'x'"), a.getMessage());
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> EpsilonList.range("0.3", "0.1", "5"));
        assertTrue(b.getMessage().contains("below"), b.getMessage());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> EpsilonList.range("0", "0.3", "0"));
        assertTrue(c.getMessage().contains("count"), c.getMessage());
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> EpsilonList.list("0.1, -2"));
        assertTrue(d.getMessage().contains("-2"), d.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EpsilonList.list("  "));
    }
}
