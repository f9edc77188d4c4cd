package dev.atrium;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout rules of docs/ARCHITECTURE.md, checked on the compiled server (without tests): the
 * platform and delivery know no feature, SQL stays in each feature's own stores, features form no
 * cycle, and a feature uses another only through what that one offers for it, and delivery only
 * through its port.
 */
class ArchitectureTest {
  private static final String ROOT = "dev.atrium";
  private static final String[] FEATURES = {
    "dev.atrium.identity..",
    "dev.atrium.contacts..",
    "dev.atrium.keys..",
    "dev.atrium.messaging..",
    "dev.atrium.media..",
    "dev.atrium.miniapps..",
    "dev.atrium.notifications..",
    "dev.atrium.wallet..",
    "dev.atrium.miniapps.."
  };

  /**
   * Delivery is shared machinery like the platform, but it has a product's state (connections,
   * cursors) and one port: features push live events through {@code LiveEvents}, the feature that
   * keeps conversations answers {@code ConversationLog}, and these values travel through them. Its
   * module, hub, socket and connections are its own; only the composition root builds it.
   */
  private static final Set<String> DELIVERY_PORT =
      Set.of(
          "dev.atrium.delivery.LiveEvents",
          "dev.atrium.delivery.ConversationLog",
          "dev.atrium.delivery.DeviceStart",
          "dev.atrium.delivery.ClientFrame",
          "dev.atrium.delivery.Envelope",
          "dev.atrium.delivery.EnvelopeKind",
          "dev.atrium.delivery.EnvelopeView",
          "dev.atrium.delivery.DeviceItem",
          "dev.atrium.delivery.GroupChange",
          "dev.atrium.delivery.CursorKey",
          "dev.atrium.delivery.ReadKey");

  /**
   * Which feature may use which other feature's classes directly, and which classes. Everything
   * else between features goes through ports the using feature declares (ContactRules,
   * ConversationDirectory, KeyVisibility, DeviceKeysReady...) and the composition root fills.
   * Identity is the base every feature stands on: its service answers who an account or device is,
   * and its Account is the value it answers with.
   */
  private static final Map<String, Set<String>> DIRECT_USES =
      Map.of(
          "contacts", Set.of("dev.atrium.identity.IdentityService", "dev.atrium.identity.Account"),
          "messaging", Set.of("dev.atrium.identity.IdentityService", "dev.atrium.identity.Account"),
          "wallet", Set.of("dev.atrium.identity.IdentityService"));

  private static JavaClasses server;

  @BeforeAll
  static void importServer() {
    server =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages(ROOT);
  }

  @Test
  void platform_importsNoFeatureAndNotTheCompositionRoot() {
    noClasses()
        .that()
        .resideInAPackage("dev.atrium.platform..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(FEATURES)
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage("dev.atrium.app..")
        .check(server);
  }

  @Test
  void delivery_importsNoFeatureAndNotTheCompositionRoot() {
    noClasses()
        .that()
        .resideInAPackage("dev.atrium.delivery..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(FEATURES)
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage("dev.atrium.app..")
        .check(server);
  }

  @Test
  void platform_importsNotDelivery() {
    noClasses()
        .that()
        .resideInAPackage("dev.atrium.platform..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.atrium.delivery..")
        .check(server);
  }

  @Test
  void compositionRoot_isUsedByNothing() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.atrium.app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.atrium.app..")
        .check(server);
  }

  @Test
  void stores_areUsedOnlyInTheirOwnPackage() {
    classes()
        .that()
        .haveSimpleNameEndingWith("Store")
        .and()
        .resideInAPackage("dev.atrium..")
        .should(beUsedOnlyFromTheirOwnPackage())
        .check(server);
  }

  @Test
  void topLevelPackages_haveNoCycles() {
    slices().matching("dev.atrium.(*)..").should().beFreeOfCycles().check(server);
  }

  @Test
  void features_useEachOtherOnlyThroughDeclaredServicesAndPorts() {
    classes()
        .that()
        .resideInAnyPackage(FEATURES)
        .should(useOtherFeaturesOnlyAsDeclared())
        .check(server);
  }

  /**
   * The feature a class belongs to: the package segment after dev.atrium ("wallet" for
   * wallet.sepa).
   */
  private static String featureOf(JavaClass javaClass) {
    String rest = javaClass.getPackageName().substring(ROOT.length() + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  private static boolean isServerClass(JavaClass javaClass) {
    return javaClass.getPackageName().startsWith(ROOT + ".");
  }

  private static ArchCondition<JavaClass> beUsedOnlyFromTheirOwnPackage() {
    return new ArchCondition<>("be used only from their own package") {
      @Override
      public void check(JavaClass store, ConditionEvents events) {
        for (Dependency dependency : store.getDirectDependenciesToSelf()) {
          JavaClass user = dependency.getOriginClass();
          if (!user.getPackageName().equals(store.getPackageName())) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  private static ArchCondition<JavaClass> useOtherFeaturesOnlyAsDeclared() {
    return new ArchCondition<>(
        "use other features only through the services and values declared for them,"
            + " and delivery only through its port") {
      @Override
      public void check(JavaClass user, ConditionEvents events) {
        String feature = featureOf(user);
        for (Dependency dependency : user.getDirectDependenciesFromSelf()) {
          JavaClass used = dependency.getTargetClass();
          if (!isServerClass(used)
              || featureOf(used).equals(feature)
              || featureOf(used).equals("platform")) {
            continue;
          }
          String usedName = used.getName().replaceFirst("\\$.*", "");
          boolean declared =
              featureOf(used).equals("delivery")
                  ? DELIVERY_PORT.contains(usedName)
                  : DIRECT_USES.getOrDefault(feature, Set.of()).contains(usedName);
          if (!declared) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }
}
