package org.advlens.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void wrappersAreSkippedForTheFirstRealMessage() {
        // given an error wrapped twice
        Exception e = new ExecutionException(new RuntimeException(new IllegalStateException("bad shape 3x32x32")));
        // then the readable message is the real one, without class names
        assertEquals("bad shape 3x32x32", Messages.of(e));
    }

    @Test
    void anExceptionWithoutMessageIsNamedInWords() {
        assertEquals("null pointer exception", Messages.of(new NullPointerException()));
    }

    @Test
    void topKIsSortedAndNamed() {
        // given probabilities for three classes
        List<ClassScore> top = ClassScore.topK(new float[] {0.2f, 0.7f, 0.1f}, List.of("a", "b"), 2);
        // then the two largest come first; a class without a name is numbered
        assertEquals(List.of(new ClassScore(1, "b", 0.7f), new ClassScore(0, "a", 0.2f)), top);
        assertEquals("class 2", ClassScore.nameOf(List.of("a", "b"), 2));
        assertEquals("<0.1 %", Formats.percent(0.0004));
        assertEquals("93.2 %", Formats.percent(0.932));
    }
}
