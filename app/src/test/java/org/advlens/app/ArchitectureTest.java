package org.advlens.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module boundary: only model-core touches ND4J/DL4J, and model-core knows nothing of JavaFX. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // Only the two modules' class folders (or jars): scanning the whole class path would read ND4J's natives.
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(java.util.List.of(Location.of(codeSource(AdvLensApp.class)),
                        Location.of(codeSource(org.advlens.model.Classifier.class))));
    }

    private static java.net.URI codeSource(Class<?> c) {
        try {
            return c.getProtectionDomain().getCodeSource().getLocation().toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void bothModulesAreImported() {
        // given the imported classes, then both modules are there (an empty import would pass every rule)
        org.junit.jupiter.api.Assertions.assertTrue(classes.contain(AdvLensApp.class));
        org.junit.jupiter.api.Assertions.assertTrue(classes.contain(org.advlens.model.Classifier.class));
    }

    @Test
    void appDoesNotDependOnTheNumericEngine() {
        // given the application's classes
        // when checking what they depend on
        // then none reaches into ND4J or DL4J: everything from the engine arrives as plain data
        noClasses().that().resideInAPackage("org.advlens.app..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.deeplearning4j..")
                .check(classes);
    }

    @Test
    void engineDoesNotDependOnJavaFx() {
        // given the engine's packages
        // when checking what they depend on
        // then none uses JavaFX, not even javafx.beans
        noClasses().that().resideInAnyPackage("org.advlens.model..", "org.advlens.data..", "org.advlens.attack..",
                        "org.advlens.eval..", "org.advlens.job..", "org.advlens.report..", "org.advlens.saliency..",
                        "org.advlens.counterfactual..", "org.advlens.train..", "org.advlens.defence..",
                        "org.advlens.corruption..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(classes);
    }

    @Test
    void engineDoesNotDependOnTheApplication() {
        // given the engine's packages
        // then none depends on the application module
        noClasses().that().resideInAnyPackage("org.advlens.model..", "org.advlens.data..", "org.advlens.attack..",
                        "org.advlens.eval..", "org.advlens.job..", "org.advlens.report..", "org.advlens.saliency..",
                        "org.advlens.counterfactual..", "org.advlens.train..", "org.advlens.defence..",
                        "org.advlens.corruption..")
                .should().dependOnClassesThat().resideInAPackage("org.advlens.app..")
                .check(classes);
    }

    @Test
    void useCasesKnowNeitherJavaFxNorTheCommandLineNorTheViews() {
        // given the use cases that the command line and the views share (checked to be imported)
        org.junit.jupiter.api.Assertions.assertTrue(classes.contain(org.advlens.app.usecase.AttackImage.class));
        // then they call the engine only: no JavaFX, no charts, and nothing else of the application
        com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass> outside =
                JavaClass.Predicates.resideInAnyPackage("javafx..", "org.jfree..", "picocli..")
                        .or(JavaClass.Predicates.resideInAPackage("org.advlens.app..")
                                .and(com.tngtech.archunit.base.DescribedPredicate.not(
                                        JavaClass.Predicates.resideInAPackage("org.advlens.app.usecase.."))));
        noClasses().that().resideInAPackage("org.advlens.app.usecase..")
                .should().dependOnClassesThat(outside)
                .check(classes);
    }

    @Test
    void viewModelsDoNotBuildViews() {
        // given the view models
        // then they own state and commands, never controls or layouts
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene.control..", "javafx.scene.layout..")
                .check(classes);
    }

    @Test
    void theEnginesPackagesAreFreeOfCycles() {
        // model, data, job and io at the bottom; attack, saliency, counterfactual, train beside each other above
        // them; evaluation above those; reports on top: no package may reach back down-up into one that uses it
        packagesFreeOfCycles("org.advlens.(*)..").check(engineClasses());
    }

    @Test
    void theSubPackagesOfModelsAttacksAndSaliencyAreFreeOfCycles() {
        // the contract at the root of each, the implementations in sub-packages by kind above it, and what picks
        // among them (the attack catalog, the model loaders) on top: a contract never reaches up into them
        for (String root : java.util.List.of("org.advlens.attack", "org.advlens.saliency", "org.advlens.model")) {
            com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                    .assignedFrom(subPackagesOf(root)).should().beFreeOfCycles().check(engineClasses());
        }
    }

    @Test
    void theCycleRuleFailsOnACycle() {
        // given two packages that use each other (a test fixture), then the same rule reports the cycle
        JavaClasses fixture = new ClassFileImporter().importClasses(
                org.advlens.app.archfixture.left.Left.class, org.advlens.app.archfixture.right.Right.class);
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> packagesFreeOfCycles("org.advlens.app.archfixture.(*)..").check(fixture));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("Cycle detected: Slice left"),
                e.getMessage());
    }

    private static com.tngtech.archunit.lang.ArchRule packagesFreeOfCycles(String pattern) {
        return com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices().matching(pattern)
                .should().beFreeOfCycles();
    }

    /** Each class under {@code root} in the slice of its own package, the root itself included. */
    private static com.tngtech.archunit.library.dependencies.SliceAssignment subPackagesOf(String root) {
        return new com.tngtech.archunit.library.dependencies.SliceAssignment() {
            @Override
            public com.tngtech.archunit.library.dependencies.SliceIdentifier getIdentifierOf(
                    com.tngtech.archunit.core.domain.JavaClass c) {
                String p = c.getPackageName();
                return p.equals(root) || p.startsWith(root + ".")
                        ? com.tngtech.archunit.library.dependencies.SliceIdentifier.of(p)
                        : com.tngtech.archunit.library.dependencies.SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages under " + root;
            }
        };
    }

    private static JavaClasses engineClasses() {
        return classes.that(com.tngtech.archunit.base.DescribedPredicate.not(
                com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("org.advlens.app..")));
    }
}
