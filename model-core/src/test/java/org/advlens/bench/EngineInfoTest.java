package org.advlens.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EngineInfoTest {

    @AfterEach
    void clear() {
        System.clearProperty("advlens.backend");
    }

    @Test
    void theDefaultBuildRunsOnTheCpuAndSaysSo() {
        EngineInfo info = EngineInfo.current();
        assertEquals("CPU", info.backend());
        assertEquals("CpuBackend", info.implementation());
        assertEquals(100, info.suggestedBatchSize());
        assertTrue(info.summary().startsWith("CPU, "), info.summary());
    }

    @Test
    void askingForTheGpuOnACpuOnlyEngineGivesAClearMessage() {
        EngineInfo cpu = new EngineInfo("CPU", "CpuBackend", 2, 2, 1L << 30);
        String message = EngineInfo.problem(Optional.of("GPU"), cpu).orElseThrow();
        assertTrue(message.contains("GPU backend was requested"), message);
        assertTrue(message.contains("fell back to the CPU"), message);
        assertEquals(Optional.empty(), EngineInfo.problem(Optional.of("CPU"), cpu));
        assertEquals(Optional.empty(), EngineInfo.problem(Optional.empty(), cpu));
        EngineInfo gpu = new EngineInfo("GPU", "JCublasBackend", 1, 16, 1L << 30);
        assertEquals(500, gpu.suggestedBatchSize());
        assertTrue(EngineInfo.problem(Optional.of("CPU"), gpu).isPresent());
        System.setProperty("advlens.backend", "gpu");
        var e = assertThrows(IllegalStateException.class, EngineInfo::startChecked);
        assertTrue(e.getMessage().contains("CpuBackend"), e.getMessage());
    }

    @Test
    void theRequestedBackendIsReadAndValidated() {
        System.setProperty("advlens.backend", "gpu");
        assertEquals(Optional.of("GPU"), EngineInfo.requestedBackend());
        System.setProperty("advlens.backend", "tpu");
        var e = assertThrows(IllegalArgumentException.class, EngineInfo::requestedBackend);
        assertTrue(e.getMessage().contains("tpu"), e.getMessage());
        System.setProperty("advlens.backend", "cpu");
        assertDoesNotThrow(EngineInfo::startChecked);
    }
}
