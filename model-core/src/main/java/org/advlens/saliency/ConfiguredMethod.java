package org.advlens.saliency;

/**
 * What the saliency methods built from a validated {@code Options} record share: the options (required), the
 * registry and display names, and a signed map unless a method says otherwise.
 *
 * @param <O> the method's options record
 */
public abstract class ConfiguredMethod<O> implements SaliencyMethod {

    private final String name;
    private final String displayName;
    protected final O options;

    public ConfiguredMethod(String name, String displayName, O options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.name = name;
        this.displayName = displayName;
        this.options = options;
    }

    /** The settings this method was built with. */
    public O options() {
        return options;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public boolean signed() {
        return true;
    }
}
