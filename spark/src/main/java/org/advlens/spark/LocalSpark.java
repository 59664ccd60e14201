package org.advlens.spark;

import org.apache.spark.SparkConf;

/** Spark settings for a run on this machine ({@code local[...]} masters): no web UI, loopback networking. */
public final class LocalSpark {

    private LocalSpark() {
    }

    /**
     * A configuration for {@code master}; with a {@code local[N]} master a failed task is not retried, with
     * {@code local[N,F]} it gets {@code F} attempts.
     */
    public static SparkConf conf(String master) {
        SparkConf conf = new SparkConf().setAppName("AdvLens").setMaster(master);
        if (master.startsWith("local")) {
            conf.set("spark.ui.enabled", "false")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
        }
        return conf;
    }
}
