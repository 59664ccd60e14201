package org.advlens.model;

/** The memory layout a network expects its input in. The engine itself always works in {@link #NCHW}. */
public enum ChannelOrder {
    /** batch, channels, height, width (DL4J's default). */
    NCHW,
    /** batch, height, width, channels (Keras and TensorFlow). */
    NHWC
}
