package dev.berth.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dependencies point one way (DESIGN.md): daemon → engine services → native/content; the API knows no engine. */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.berth");
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("dev.berth.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void apiShapesKnowNothingOfTheEngine() {
    noClasses().that().resideInAPackage("dev.berth.api..").should().dependOnClassesThat()
        .resideOutsideOfPackages("dev.berth.api..", "java..", "com.fasterxml.jackson..").check(classes);
  }

  @Test
  void nativeCallsDependOnNothingOfBerth() {
    noClasses().that().resideInAPackage("dev.berth.sys..").should().dependOnClassesThat()
        .resideInAnyPackage("dev.berth.api..", "dev.berth.content..", "dev.berth.image..", "dev.berth.snapshot..",
            "dev.berth.runtime..", "dev.berth.engine..", "dev.berth.daemon..", "dev.berth.client..", "dev.berth.cli..")
        .check(classes);
  }

  @Test
  void engineServicesDoNotKnowTheHttpLayer() {
    noClasses().that().resideInAnyPackage("dev.berth.engine..", "dev.berth.runtime..", "dev.berth.image..",
        "dev.berth.snapshot..", "dev.berth.content..").should().dependOnClassesThat()
        .resideInAnyPackage("dev.berth.daemon..", "dev.berth.client..", "dev.berth.cli..", "io.netty..")
        .check(classes);
  }

  @Test
  void theCliTalksToTheDaemonOnlyThroughTheClient() {
    noClasses().that().resideInAPackage("dev.berth.cli..").should().dependOnClassesThat()
        .resideInAnyPackage("dev.berth.engine..", "dev.berth.daemon..", "dev.berth.runtime..").check(classes);
  }
}
