package io.sessionsync.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.sessionsync.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package walls of issue #10, checked on the compiled main classes (tests are free to cross
 * them). A cycle makes two packages one in all but name; these rules keep them apart.
 */
class PackageWallsTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.sessionsync");
    }

    @Test
    void no_package_cycle_between_top_level_packages() {
        slices().matching("io.sessionsync.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void no_package_cycle_between_subpackages() {
        slices().matching("io.sessionsync.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void target_never_depends_on_source() {
        noClasses().that().resideInAPackage("io.sessionsync.target..")
                .should().dependOnClassesThat().resideInAPackage("io.sessionsync.source..")
                .check(main);
    }

    @Test
    void one_object_mapper_is_built_and_everything_else_shares_it() {
        noClasses().that().doNotHaveFullyQualifiedName(Json.class.getName())
                .should().callConstructorWhere(target(owner(assignableTo(ObjectMapper.class))))
                .because("one ObjectMapper, configured once in io.sessionsync.json.Json, is shared")
                .check(main);
    }

    @Test
    void connector_settings_keep_no_default_of_their_own() {
        noFields().that().areDeclaredInClassesThat().haveSimpleNameEndingWith("Settings")
                .and().areDeclaredInClassesThat().resideOutsideOfPackage("io.sessionsync.config..")
                .and().areStatic()
                .should().haveNameMatching("DEFAULT_.*")
                .because("defaults are declared once, in io.sessionsync.config.Settings")
                .check(main);
    }

    @Test
    void store_never_depends_on_pipeline() {
        noClasses().that().resideInAPackage("io.sessionsync.store..")
                .should().dependOnClassesThat().resideInAPackage("io.sessionsync.pipeline..")
                .check(main);
    }
}
