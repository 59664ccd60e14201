package org.advlens.model.onnx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random corruptions of a fixture: every one either parses or fails with an {@link OnnxImportException},
 * never with another exception, and all of them together parse quickly.
 */
class OnnxCorruptInputTest {

    private static final int MUTATIONS = 400;

    /** One corruption of {@code bytes}: bit flips, a truncation, or a run of random bytes written over it. */
    private static byte[] mutate(byte[] bytes, Random random, int kind) {
        byte[] out = bytes.clone();
        switch (kind) {
            case 0 -> {
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> out = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            default -> {
                int length = 1 + random.nextInt(64);
                int from = random.nextInt(out.length - length);
                byte[] noise = new byte[length];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, out, from, length);
            }
        }
        return out;
    }

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
                byte[] corrupt = mutate(bytes, random, kind);
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
