package org.advlens.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.net.URISyntaxException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundary: the Spark module drives the engine through its plain-data API, so it touches neither ND4J
 * nor DL4J (only model-core does), nor JavaFX; and the engine knows nothing of Spark.
 */
class SparkArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() throws URISyntaxException {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(List.of(
                        Location.of(SparkCurve.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                        Location.of(org.advlens.model.Classifier.class.getProtectionDomain().getCodeSource()
                                .getLocation().toURI())));
    }

    @Test
    void bothModulesAreImported() {
        assertTrue(classes.contain(SparkCurve.class));
        assertTrue(classes.contain(org.advlens.eval.CurveSteps.class));
    }

    @Test
    void sparkModuleUsesNeitherTheNumericEngineNorJavaFx() {
        noClasses().that().resideInAPackage("org.advlens.spark..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.deeplearning4j..", "javafx..")
                .check(classes);
    }

    @Test
    void engineDoesNotDependOnSpark() {
        noClasses().that().resideOutsideOfPackage("org.advlens.spark..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..",
                        "scala..")
                .check(classes);
    }
}
