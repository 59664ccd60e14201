package org.advlens.app.counterfactual;

/** The file choosers the generator controls need from the main window. */
public interface GeneratorChoosers {

    /** Asks for an autoencoder file and loads it as the generator. */
    void loadGenerator();

    /** Asks for a data set and where to save, then trains a generator on it. */
    void trainGenerator();
}
