package dev.tars.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what the server logs at WARN and above while a test runs. */
final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture() {
    appender.start();
    root.addAppender(appender);
  }

  /** Events at ERROR, and any event that carries a stack trace, as "LEVEL logger: message" lines. */
  List<String> errorsAndStackTraces() {
    synchronized (appender) { // AppenderBase.doAppend holds this lock while it adds
      return appender.list.stream()
          .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null
              && e.getLevel().isGreaterOrEqual(Level.INFO))
          .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
              + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getClassName() + ": "
                  + e.getThrowableProxy().getMessage() + firstFrame(e)))
          .toList();
    }
  }

  private static String firstFrame(ILoggingEvent e) {
    var frames = e.getThrowableProxy().getStackTraceElementProxyArray();
    return frames.length == 0 ? "" : " " + frames[0].getSTEAsString();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
