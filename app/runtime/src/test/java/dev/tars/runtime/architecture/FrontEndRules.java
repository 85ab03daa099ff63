package dev.tars.runtime.architecture;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.lang.ArchRule;
import dev.tars.actions.Actions;
import dev.tars.api.ApiServer;
import dev.tars.chat.StoredChatService;
import dev.tars.config.StoredSettings;
import dev.tars.engine.local.LocalEngine;
import dev.tars.engine.openai.OpenAiChatEngine;
import dev.tars.knowledge.KnowledgeBase;
import dev.tars.runtime.EngineHost;
import dev.tars.storage.Database;
import dev.tars.voice.PushToTalk;
import dev.tars.voice.VoiceEngines;
import dev.tars.voice.readaloud.ReadAloud;
import dev.tars.voice.recognition.pocketsphinx.PocketSphinxRecognizer;
import dev.tars.voice.recognition.vosk.VoskRecognizer;
import dev.tars.voice.settings.VoiceSettingsFile;
import dev.tars.voice.synthesis.freetts.FreeTtsSynthesizer;
import java.nio.file.Path;

/**
 * What every front end's architecture test checks: it builds no service (the database, settings, engines,
 * the chat service, the knowledge base, the actions, the API server and the voice come from {@code TarsRuntime},
 * the one place they are built). Shared as test code: front ends depend on the runtime's test jar only for these rules.
 */
public final class FrontEndRules {
  /** How the speech engines are loaded ({@code load}, {@code loadEnglish}): only the runtime's voice does it. */
  private static final DescribedPredicate<HasName> LOADS = nameMatching("load.*");

  private FrontEndRules() {}

  /** The database is opened, and settings, engines and services are built, only in {@code dev.tars.runtime}. */
  public static ArchRule buildsNoService() {
    return buildsNoServiceExcept();
  }

  /**
   * Like {@link #buildsNoService()}, leaving out {@code notYetMoved}: classes (fully qualified names) written
   * before the runtime existed that still build their own services, each named in the caller with its owner.
   */
  public static ArchRule buildsNoServiceExcept(String... notYetMoved) {
    var classes = noClasses().that().resideOutsideOfPackage("dev.tars.runtime..");
    for (String name : notYetMoved) {
      classes = classes.and().doNotHaveFullyQualifiedName(name);
    }
    return classes.should().callMethod(Database.class, "open", Path.class)
        .orShould().callMethod(KnowledgeBase.class, "open", dev.tars.config.AppPaths.class, javax.sql.DataSource.class,
            String.class)
        .orShould().callMethodWhere(target(owner(assignableTo(Actions.class))).and(target(name("open"))))
        .orShould().callMethod(ApiServer.class, "start", ApiServer.Options.class, ApiServer.Services.class)
        .orShould().callConstructorWhere(target(owner(assignableTo(LocalEngine.class))))
        .orShould().callConstructorWhere(target(owner(assignableTo(OpenAiChatEngine.class))))
        .orShould().callConstructorWhere(target(owner(assignableTo(StoredChatService.class))))
        .orShould().callConstructorWhere(target(owner(assignableTo(StoredSettings.class))))
        .orShould().callConstructorWhere(target(owner(assignableTo(EngineHost.class))))
        .orShould().callConstructorWhere(target(owner(assignableTo(VoiceEngines.class))))
        .orShould().callConstructorWhere(target(owner(assignableTo(VoiceSettingsFile.class))))
        .orShould().callConstructorWhere(target(owner(assignableTo(PushToTalk.class))))
        .orShould().callConstructorWhere(target(owner(assignableTo(ReadAloud.class))))
        .orShould().callMethodWhere(target(owner(assignableTo(FreeTtsSynthesizer.class))).and(target(LOADS)))
        .orShould().callMethodWhere(target(owner(assignableTo(VoskRecognizer.class))).and(target(LOADS)))
        .orShould().callMethodWhere(target(owner(assignableTo(PocketSphinxRecognizer.class))).and(target(LOADS)))
        .because("TarsRuntime is the one composition root: a service is built in exactly one place");
  }
}
