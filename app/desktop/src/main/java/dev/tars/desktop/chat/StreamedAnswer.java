package dev.tars.desktop.chat;

import dev.tars.chat.AnswerSource;
import dev.tars.chat.ContextBlock;
import dev.tars.chat.ContextTrim;
import dev.tars.chat.Message;
import dev.tars.chat.MessageStatus;
import dev.tars.chat.ReplyListener;
import dev.tars.desktop.fx.UiDispatcher;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Brings one answer's stream from the chat service's thread to the UI thread: the text at most every
 * {@link #RENDER_GAP} (about 20 frames a second keeps the window fluid), then the stored message or the failure.
 */
final class StreamedAnswer implements ReplyListener {
  static final Duration RENDER_GAP = Duration.ofMillis(50);

  private final UiDispatcher ui;
  private final MessageItem answer;
  private final IntConsumer trimmed;
  private final Consumer<Message> finished;
  private final Consumer<String> failed;
  private final StringBuilder streamed = new StringBuilder();
  private final Runnable render;

  /**
   * @param trimmed told how many older messages were left out of the prompt to fit the context
   * @param finished told the stored answer
   * @param failed told a message for the person
   */
  StreamedAnswer(UiDispatcher ui, MessageItem answer, IntConsumer trimmed, Consumer<Message> finished,
      Consumer<String> failed) {
    this.ui = ui;
    this.answer = answer;
    this.trimmed = trimmed;
    this.finished = finished;
    this.failed = failed;
    this.render = ui.throttled(() -> {
      if (answer.status() == MessageStatus.STREAMING) {
        synchronized (streamed) {
          answer.contentProperty().set(streamed.toString());
        }
      }
    }, RENDER_GAP);
  }

  @Override
  public void started(Message draft, ContextTrim trim) {
    ui.run(() -> {
      answer.id(draft.id());
      if (trim != null && trim.trimmed()) {
        trimmed.accept(trim.droppedMessages());
      }
    });
  }

  @Override
  public void contextUsed(List<ContextBlock> blocks) {
    List<AnswerSource> sources = AnswerSource.of(blocks);
    ui.run(() -> answer.sources().setAll(sources));
  }

  @Override
  public void text(String delta) {
    synchronized (streamed) {
      streamed.append(delta);
    }
    render.run();
  }

  @Override
  public void finished(Message stored) {
    ui.run(() -> finished.accept(stored));
  }

  @Override
  public void failed(String message) {
    ui.run(() -> failed.accept(message));
  }
}
