package org.advlens.testing;

import java.util.Arrays;
import java.util.Random;

/**
 * Seeded byte-level corruptions for the loader fuzz tests: bit flips, truncation, insertion and deletion of
 * runs, random overwrites, splicing with another valid input, and "interesting" integers (0, -1, 2^31 - 1, 2^31)
 * written over a 4-byte field so that declared sizes and counts go absurd. The same {@link Random} state always
 * gives the same output, so one seed replays one input.
 */
public final class ByteMutator {

    /** The number of mutation kinds; {@link #mutate(byte[], byte[], Random)} picks one uniformly. */
    public static final int KINDS = 7;

    private static final int[] INTERESTING = {0, -1, 1, 0x7FFFFFFF, 0x80000000, 0xFFFF, 0x10000, 100_000};

    private ByteMutator() {
    }

    /** One to three stacked mutations of {@code bytes}, drawn from {@code random}; {@code donor} feeds splicing. */
    public static byte[] mutate(byte[] bytes, byte[] donor, Random random) {
        byte[] out = bytes;
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            out = mutate(out, donor, random, random.nextInt(KINDS));
        }
        return out;
    }

    /** One mutation of kind {@code kind} (0 to {@link #KINDS} - 1); never modifies its arguments. */
    public static byte[] mutate(byte[] bytes, byte[] donor, Random random, int kind) {
        if (bytes.length == 0) {
            byte[] noise = new byte[1 + random.nextInt(16)];
            random.nextBytes(noise);
            return noise;
        }
        byte[] out = bytes.clone();
        switch (kind) {
            case 0 -> {
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return out;
            }
            case 1 -> {
                return Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            case 2 -> {
                int at = random.nextInt(bytes.length + 1);
                byte[] run = new byte[1 + random.nextInt(64)];
                random.nextBytes(run);
                return splice(Arrays.copyOf(bytes, at), run, Arrays.copyOfRange(bytes, at, bytes.length));
            }
            case 3 -> {
                int from = random.nextInt(bytes.length);
                int to = Math.min(bytes.length, from + 1 + random.nextInt(64));
                return splice(Arrays.copyOf(bytes, from), new byte[0], Arrays.copyOfRange(bytes, to, bytes.length));
            }
            case 4 -> {
                int length = Math.min(out.length, 1 + random.nextInt(32));
                byte[] noise = new byte[length];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, out, random.nextInt(out.length - length + 1), length);
                return out;
            }
            case 5 -> {
                if (donor == null || donor.length == 0) {
                    return mutate(bytes, null, random, 0);
                }
                int at = random.nextInt(bytes.length);
                int from = random.nextInt(donor.length);
                return splice(Arrays.copyOf(bytes, at), Arrays.copyOfRange(donor, from, donor.length), new byte[0]);
            }
            default -> {
                if (out.length < 4) {
                    return mutate(bytes, donor, random, 0);
                }
                int v = INTERESTING[random.nextInt(INTERESTING.length)];
                int at = random.nextInt(out.length - 3);
                boolean bigEndian = random.nextBoolean();
                for (int i = 0; i < 4; i++) {
                    int shift = bigEndian ? 24 - 8 * i : 8 * i;
                    out[at + i] = (byte) (v >>> shift);
                }
                return out;
            }
        }
    }

    private static byte[] splice(byte[] head, byte[] middle, byte[] tail) {
        byte[] out = Arrays.copyOf(head, head.length + middle.length + tail.length);
        System.arraycopy(middle, 0, out, head.length, middle.length);
        System.arraycopy(tail, 0, out, head.length + middle.length, tail.length);
        return out;
    }
}
