package dev.tars.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToolAnswerTest {
  @Test
  void callsComeOutWithTheirArgumentsAsJsonText() {
    ToolAnswer answer = ToolAnswer.parse("{\"tool_calls\": [{\"name\": \"a\", \"arguments\": {\"q\": \"x\"}}]}");
    assertThat(answer.calls()).containsExactly(new ToolLoop.Call("a", "{\"q\":\"x\"}"));
    assertThat(answer.text()).isNull();
    assertThat(ToolAnswer.parse(ToolAnswer.asAnswerText(answer.calls()))).isEqualTo(answer);
  }

  @Test
  void textAnswersAndAnythingElseAreText() {
    assertThat(ToolAnswer.parse("{\"content\": \"hello\"}").text()).isEqualTo("hello");
    ToolAnswer cut = ToolAnswer.parse("{\"tool_calls\": [{\"name\": \"a\", \"argu");
    assertThat(cut.calls()).isEmpty();
    assertThat(cut.text()).startsWith("{\"tool_calls\"");
    assertThat(ToolAnswer.parse("{\"tool_calls\": [{\"name\": \"a\", \"arguments\": 3}]}").calls()).isEmpty();
  }
}
