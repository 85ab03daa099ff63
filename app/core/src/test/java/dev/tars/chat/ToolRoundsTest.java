package dev.tars.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.Role;
import dev.tars.engine.Sampling;
import dev.tars.testkit.core.ScriptedEngine;
import dev.tars.tools.OfferedTool;
import dev.tars.tools.Tool;
import dev.tars.tools.ToolBox;
import dev.tars.tools.ToolCallRequest;
import dev.tars.tools.ToolHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ToolRoundsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<ChatMessage> PROMPT = List.of(ChatMessage.system("Be brief."),
      ChatMessage.user("What is 2 + 3?"));
  private static final String SUM_CALL = "{\"tool_calls\": [{\"name\": \"sum\", \"arguments\": {\"a\": 2, \"b\": 3}}]}";

  private final AtomicInteger runs = new AtomicInteger();
  private final List<ToolCallRequest> asked = new ArrayList<>();

  private Tool sum(ToolHandler handler) throws Exception {
    return new Tool("sum", "Adds two numbers.", JSON.readTree("{\"type\": \"object\", \"properties\": {\"a\":"
        + " {\"type\": \"integer\"}, \"b\": {\"type\": \"integer\"}}, \"required\": [\"a\", \"b\"]}"), args -> {
          runs.incrementAndGet();
          return handler.call(args);
        });
  }

  private ToolBox box(OfferedTool tool, ToolCallRequest.Decision decision) {
    return new ToolBox() {
      @Override
      public List<OfferedTool> offered() {
        return List.of(tool);
      }

      @Override
      public ToolCallRequest.Decision approve(ToolCallRequest request) {
        asked.add(request);
        return decision;
      }
    };
  }

  private ToolRounds.Outcome run(ToolBox box, ScriptedEngine engine) throws Exception {
    return new ToolRounds(box).run(7, engine, PROMPT, Sampling.DEFAULTS, g -> {}, () -> false);
  }

  @Test
  void anAllowedCallRunsAndItsResultReachesTheAnswersPromptAsData() throws Exception {
    OfferedTool tool = new OfferedTool(sum(args -> "5"), "Calculator", false);
    ScriptedEngine engine = ScriptedEngine.answering(SUM_CALL, "{\"content\": \"It is 5.\"}");

    ToolRounds.Outcome outcome = run(box(tool, ToolCallRequest.Decision.ALLOW_ONCE), engine);

    assertThat(asked).singleElement().satisfies(r -> {
      assertThat(r.conversationId()).isEqualTo(7);
      assertThat(r.arguments()).isEqualTo("{\"a\":2,\"b\":3}");
    });
    assertThat(runs).hasValue(1);
    // The rounds' requests were constrained by the tools' schema and listed the tools.
    assertThat(engine.requests().getFirst().responseSchema()).contains("\"const\":\"sum\"");
    assertThat(engine.requests().getFirst().messages().getFirst().content()).startsWith("Be brief.")
        .contains("- sum: Adds two numbers.");
    assertThat(outcome.messages()).hasSize(4);
    assertThat(outcome.messages().get(2)).isEqualTo(ChatMessage.assistant(
        "{\"tool_calls\": [{\"name\": \"sum\", \"arguments\": {\"a\":2,\"b\":3}}]}"));
    assertThat(outcome.messages().get(3).role()).isEqualTo(Role.USER);
    assertThat(outcome.messages().get(3).content()).contains("data, not instructions").endsWith("\n5");
    assertThat(outcome.blocks()).singleElement().satisfies(block -> {
      assertThat(block.kind()).isEqualTo("tool");
      assertThat(block.sources()).singleElement().satisfies(s -> {
        assertThat(s.label()).isEqualTo("Calculator · sum");
        assertThat(JSON.readTree(s.reference()).path("status").asText()).isEqualTo("ok");
        assertThat(JSON.readTree(s.reference()).path("result").asText()).isEqualTo("5");
      });
    });
  }

  @Test
  void aDeniedCallIsNotRunAndTheModelReadsThatItWasNotAllowed() throws Exception {
    OfferedTool tool = new OfferedTool(sum(args -> "5"), "Calculator", false);

    ToolRounds.Outcome outcome = run(box(tool, ToolCallRequest.Decision.DENY),
        ScriptedEngine.answering(SUM_CALL, "{\"content\": \"x\"}"));

    assertThat(runs).hasValue(0);
    assertThat(outcome.messages().getLast().content()).contains("did not allow this call");
    assertThat(outcome.blocks().getFirst().sources().getFirst().reference()).contains("\"status\":\"denied\"");
  }

  @Test
  void anAlwaysAllowedToolRunsWithoutAsking() throws Exception {
    OfferedTool tool = new OfferedTool(sum(args -> "5"), "Calculator", true);

    run(box(tool, ToolCallRequest.Decision.DENY), ScriptedEngine.answering(SUM_CALL, "{\"content\": \"x\"}"));

    assertThat(asked).isEmpty();
    assertThat(runs).hasValue(1);
  }

  @Test
  void theSameCallTwiceInARowEndsTheRounds() throws Exception {
    OfferedTool tool = new OfferedTool(sum(args -> "5"), "Calculator", true);
    ScriptedEngine engine = ScriptedEngine.answering(SUM_CALL);

    ToolRounds.Outcome outcome = run(box(tool, ToolCallRequest.Decision.ALLOW_ONCE), engine);

    assertThat(runs).hasValue(1);
    assertThat(engine.requests()).hasSize(2);
    assertThat(outcome.messages()).hasSize(4);
  }

  @Test
  void theRoundsStopAtTheMostRoundsAllowed() throws Exception {
    OfferedTool tool = new OfferedTool(sum(args -> "5"), "Calculator", true);
    ToolBox two = new ToolBox() {
      @Override
      public List<OfferedTool> offered() {
        return List.of(tool);
      }

      @Override
      public int maxRounds() {
        return 2;
      }

      @Override
      public ToolCallRequest.Decision approve(ToolCallRequest request) {
        return ToolCallRequest.Decision.ALLOW_ONCE;
      }
    };
    ScriptedEngine counting = ScriptedEngine.answering(
        "{\"tool_calls\": [{\"name\": \"sum\", \"arguments\": {\"a\": 1, \"b\": 1}}]}",
        "{\"tool_calls\": [{\"name\": \"sum\", \"arguments\": {\"a\": 2, \"b\": 2}}]}",
        "{\"tool_calls\": [{\"name\": \"sum\", \"arguments\": {\"a\": 3, \"b\": 3}}]}");

    new ToolRounds(two).run(1, counting, PROMPT, Sampling.DEFAULTS, g -> {}, () -> false);

    assertThat(runs).hasValue(2);
    assertThat(counting.requests()).hasSize(3);
  }

  @Test
  void aFailingToolLetsTheAnswerGoOnAndSaysWhatHappened() throws Exception {
    OfferedTool tool = new OfferedTool(sum(args -> {
      throw new IllegalStateException("the calculator is unplugged");
    }), "Calculator", true);

    ToolRounds.Outcome outcome = run(box(tool, ToolCallRequest.Decision.ALLOW_ONCE),
        ScriptedEngine.answering(SUM_CALL, "{\"content\": \"x\"}"));

    assertThat(outcome.messages().getLast().content()).contains("The tool failed: the calculator is unplugged");
    assertThat(outcome.blocks().getFirst().sources().getFirst().reference()).contains("\"status\":\"failed\"")
        .contains("unplugged");
  }

  @Test
  void aHugeResultIsCutToTheRoomLeftInTheContextWithANote() throws Exception {
    OfferedTool tool = new OfferedTool(sum(args -> "x".repeat(50_000)), "Calculator", true);
    ScriptedEngine engine = ScriptedEngine.answering(SUM_CALL, "{\"content\": \"x\"}").contextLength(4096);

    ToolRounds.Outcome outcome = run(box(tool, ToolCallRequest.Decision.ALLOW_ONCE), engine);

    String result = outcome.messages().getLast().content();
    assertThat(result).contains("[Cut: the result had 50000 bytes; only the first part fits the context.]");
    // Prompt, tool exchange and the answer's own tokens together still fit the 4096-token context.
    assertThat(ContextWindow.upperBound(outcome.messages()) + Math.min(1024, 2048)).isLessThanOrEqualTo(4096);
    assertThat(outcome.blocks().getFirst().sources().getFirst().reference().length()).isLessThanOrEqualTo(1000);
  }

  @Test
  void aTextAnswerIsStoppedAsSoonAsTheModelChoosesIt() throws Exception {
    OfferedTool tool = new OfferedTool(sum(args -> "5"), "Calculator", true);
    ScriptedEngine engine = new ScriptedEngine(List.of("{\"content\"", ": \"", "a", " long", " answer", "\"}"), 30,
        4096);

    ToolRounds.Outcome outcome = run(box(tool, ToolCallRequest.Decision.ALLOW_ONCE), engine);

    assertThat(engine.cancellations()).isEqualTo(1);
    assertThat(outcome.messages()).isEqualTo(PROMPT);
    assertThat(outcome.blocks()).isEmpty();
  }

  @Test
  void noToolsOfferedMeansNoRounds() throws Exception {
    ScriptedEngine engine = ScriptedEngine.answering("x");

    ToolRounds.Outcome outcome = run(ToolBox.NONE, engine);

    assertThat(engine.requests()).isEmpty();
    assertThat(outcome.messages()).isEqualTo(PROMPT);
  }

  @Test
  void toolsWhoseListDoesNotFitTheContextAreLeftOutFromTheLast() throws Exception {
    List<OfferedTool> many = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      many.add(new OfferedTool(new Tool("tool_" + i, "x".repeat(400), JSON.readTree("{\"type\": \"object\"}"),
          args -> "ok"), "Many", true));
    }
    ToolBox box = new ToolBox() {
      @Override
      public List<OfferedTool> offered() {
        return many;
      }

      @Override
      public ToolCallRequest.Decision approve(ToolCallRequest request) {
        return ToolCallRequest.Decision.ALLOW_ONCE;
      }
    };
    // 4 + characters / 4 tokens a message: 8 tools of 400 characters need about 900 tokens, the context has 1000.
    ScriptedEngine engine = ScriptedEngine.answering("{\"content\": \"x\"}").contextLength(1000);

    run(box, engine);

    String schema = engine.requests().getFirst().responseSchema();
    assertThat(schema).contains("\"tool_0\"").contains("\"tool_1\"").doesNotContain("\"tool_7\"");
    assertThat(engine.countTokens(engine.requests().getFirst().messages())).isLessThanOrEqualTo(1000 - 512);
  }
}
