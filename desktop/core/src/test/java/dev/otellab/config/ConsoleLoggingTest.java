package dev.otellab.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleLoggingTest {

    @Test
    void theConsolesMessagesAtInfoTheEmbeddedServersOnlyWhenSomethingIsWrongAllOnStandardError() {
        LoggerContext context = new LoggerContext();

        ConsoleLogging.configureConsole(context);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.otellab.cli.LabConsole").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.eclipse.jetty.server.Server").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.grpc.netty").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.javalin.Javalin").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.github.dockerjava.api.async.ResultCallbackTemplate").getEffectiveLevel())
                .isEqualTo(Level.OFF);
        ConsoleAppender<?> appender = (ConsoleAppender<?>) root.getAppender("STDERR");
        assertThat(appender.isStarted()).isTrue();
        assertThat(appender.getTarget()).isEqualTo("System.err");
    }

    @Test
    void theFirstMessageIsWrittenInTheConsolesPattern() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging.PatternAtFirstMessage encoder = new ConsoleLogging.PatternAtFirstMessage();
        encoder.setContext(context);
        encoder.start();
        Logger logger = context.getLogger("dev.otellab.Probe");

        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, "store {} is busy", null,
                new Object[] {"s1"});

        assertThat(encoder.headerBytes()).isNull();
        assertThat(new String(encoder.encode(event), StandardCharsets.UTF_8))
                .matches("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} WARN  dev\\.otellab\\.Probe - store s1 is busy\\R");
    }

    @Test
    void logbackFindsItAsAServiceAndATestConfigurationOnTheClassPathTakesOver() {
        assertThat(ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream()
                .map(ServiceLoader.Provider::type)).contains(ConsoleLogging.class);
        assertThat(getClass().getClassLoader().getResource("logback-test.xml")).isNotNull();

        assertThat(new ConsoleLogging().configure(new LoggerContext())).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    }
}
