/**
 * Benchmarks of the engine, at the top beside the reports: throughput and latency of forward passes, gradients
 * and attacks ({@link org.advlens.bench.Benchmark}), counterfactual searches, and what the engine runs on
 * ({@link org.advlens.bench.EngineInfo}). {@code advlens bench} prints them.
 */
package org.advlens.bench;
