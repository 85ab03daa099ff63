package dev.tars.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tars.engine.ChatMessage;
import dev.tars.engine.Sampling;
import dev.tars.protocol.openai.OpenAiException;
import org.junit.jupiter.api.Test;

class ChatCallTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ChatCall parse(String json) throws Exception {
    return ChatCall.parse(JSON.readTree(json), new Sampling(0.5, 0.8, 100));
  }

  @Test
  void openAiFieldsMapToTarsRequestWithDefaultsFromSettings() throws Exception {
    ChatCall call = parse("{\"model\":\"m\",\"messages\":[{\"role\":\"developer\",\"content\":\"rules\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\"}]}],"
        + "\"stop\":\"END\",\"max_completion_tokens\":7,\"stream\":true,\"stream_options\":{\"include_usage\":true}}");

    assertThat(call.model()).isEqualTo("m");
    assertThat(call.messages()).containsExactly(ChatMessage.system("rules"), ChatMessage.user("ab"));
    assertThat(call.sampling()).isEqualTo(new Sampling(0.5, 0.8, 7));
    assertThat(call.stop()).containsExactly("END");
    assertThat(call.stream()).isTrue();
    assertThat(call.includeUsage()).isTrue();
    assertThat(call.collections()).isNull();
  }

  @Test
  void knowledgeExtensionIsReadFromTheTarsObject() throws Exception {
    ChatCall call = parse("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"}],"
        + "\"tars\":{\"knowledge\":{\"collections\":[3,4],\"token_budget\":200}}}");

    assertThat(call.collections()).containsExactly(3L, 4L);
    assertThat(call.knowledgeTokens()).isEqualTo(200);
    assertThat(call.question()).isEqualTo("q");
    assertThat(parse("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"tars\":{\"knowledge\":{}}}")
        .collections()).isEmpty();
  }

  @Test
  void unsupportedFeaturesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> parse("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],"
        + "\"tools\":[{\"type\":\"function\"}]}")).isInstanceOfSatisfying(OpenAiException.class,
        e -> assertThat(e.param()).isEqualTo("tools[0]"));
    assertThatThrownBy(() -> parse("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],"
        + "\"functions\":[{\"name\":\"f\"}]}")).isInstanceOfSatisfying(OpenAiException.class,
        e -> assertThat(e.param()).isEqualTo("functions"));
    assertThatThrownBy(() -> parse("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}"))
        .isInstanceOfSatisfying(OpenAiException.class, e -> assertThat(e.param()).isEqualTo("messages[0].content"));
    assertThatThrownBy(() -> parse("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}"))
        .isInstanceOfSatisfying(OpenAiException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatThrownBy(() -> parse("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"tars\":{\"knowledge\":{\"collections\":[\"x\"]}}}"))
        .isInstanceOfSatisfying(OpenAiException.class, e -> assertThat(e.param()).isEqualTo("tars.knowledge.collections"));
  }
}
