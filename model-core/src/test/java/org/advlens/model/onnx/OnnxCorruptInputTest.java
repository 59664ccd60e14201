package org.advlens.model.onnx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Random;
import org.advlens.testing.ByteMutator;
import org.junit.jupiter.api.Test;

/**
 * Seeded random corruptions of a fixture: every one either parses or fails with an {@link OnnxImportException},
 * never with another exception, and all of them together parse quickly. The parser alone; {@link OnnxFileFuzzTest}
 * fuzzes whole ONNX files through the model loader.
 */
class OnnxCorruptInputTest {

    private static final int MUTATIONS = 400;
    /** Bit flips, a truncation, or a run of random bytes written over it: {@link ByteMutator}'s kinds 0, 1, 4. */
    private static final int[] KINDS = {0, 1, 4};

    @Test
    void everyMutationParsesOrFailsWithAnImportException() {
        // given the plain CNN's bytes and a pinned seed
        byte[] bytes = OnnxFixtures.bytes("plain_cnn.onnx");
        Random random = new Random(20240611L);
        int[] outcomes = new int[2];
        // when each of a few hundred corruptions is parsed
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < MUTATIONS; i++) {
                int kind = i % 3;
                byte[] corrupt = ByteMutator.mutate(bytes, null, random, KINDS[kind]);
                try {
                    OnnxModel.parse(corrupt);
                    outcomes[0]++;
                } catch (OnnxImportException e) {
                    assertFalse(e.getMessage().isBlank(), "mutation " + i + " failed with an empty message");
                    outcomes[1]++;
                } catch (RuntimeException | Error e) {
                    fail("mutation " + i + " (kind " + kind + ") escaped as " + e, e);
                }
            }
        });
        // then both outcomes occur: the corruptions reach the parser's checks and not only the weights
        assertTrue(outcomes[0] > 0 && outcomes[1] > 0, "parsed " + outcomes[0] + ", rejected " + outcomes[1]);
    }
}
