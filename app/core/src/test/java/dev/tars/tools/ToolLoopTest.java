package dev.tars.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ToolLoopTest {
  private static List<ToolLoop.Call> calls(String arguments) {
    return List.of(new ToolLoop.Call("search_notes", arguments));
  }

  @Test
  void stopsAfterTheLastAllowedRound() {
    ToolLoop loop = new ToolLoop(ToolLoop.DEFAULT_MAX_ROUNDS);
    for (int i = 0; i < ToolLoop.DEFAULT_MAX_ROUNDS; i++) {
      assertThat(loop.next(calls("{\"query\":\"" + i + "\"}"))).isEqualTo(ToolLoop.Verdict.CONTINUE);
    }
    assertThat(loop.next(calls("{\"query\":\"more\"}"))).isEqualTo(ToolLoop.Verdict.TOO_MANY_ROUNDS);
    assertThat(loop.rounds()).isEqualTo(ToolLoop.DEFAULT_MAX_ROUNDS);
  }

  @Test
  void theSameCallWithTheSameArgumentsTwiceInARowEndsTheLoop() {
    ToolLoop loop = new ToolLoop(5);
    assertThat(loop.next(calls("{\"query\":\"a\"}"))).isEqualTo(ToolLoop.Verdict.CONTINUE);
    assertThat(loop.next(calls("{\"query\":\"b\"}"))).isEqualTo(ToolLoop.Verdict.CONTINUE);
    assertThat(loop.next(calls("{\"query\":\"b\"}"))).isEqualTo(ToolLoop.Verdict.REPEATED_CALL);
  }
}
