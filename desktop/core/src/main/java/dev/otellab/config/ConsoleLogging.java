package dev.otellab.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The console's logging, set up in code: Logback finds it as a service and skips reading an XML
 * file, which took a tenth of a query command's start-up (decision 0040). A logback-test.xml on the
 * class path or -Dlogback.configurationFile still take over.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ConsoleLogging extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || ConsoleLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configureConsole(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The console's own messages at INFO; the servers it embeds only when something is wrong. */
    static void configureConsole(LoggerContext context) {
        PatternAtFirstMessage encoder = new PatternAtFirstMessage();
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        context.getLogger("dev.otellab").setLevel(Level.INFO);
        // at DEBUG they would log every OTLP request
        context.getLogger("io.javalin").setLevel(Level.WARN);
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        context.getLogger("io.grpc").setLevel(Level.WARN);
        // docker-java logs every failed engine call at ERROR; Docker mode reports them itself, in words
        context.getLogger("com.github.dockerjava.api.async.ResultCallbackTemplate").setLevel(Level.OFF);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
    }

    /**
     * The console's pattern encoder, made when the first message is written: parsing the pattern
     * took a tenth of a query command's start-up, and a query writes no message (decision 0046).
     */
    static final class PatternAtFirstMessage extends EncoderBase<ILoggingEvent> {
        static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n";

        private PatternLayoutEncoder pattern;

        @Override
        public byte[] headerBytes() {
            return null;
        }

        @Override
        public synchronized byte[] encode(ILoggingEvent event) {
            if (pattern == null) {
                pattern = new PatternLayoutEncoder();
                pattern.setContext(getContext());
                pattern.setPattern(PATTERN);
                pattern.start();
            }
            return pattern.encode(event);
        }

        @Override
        public byte[] footerBytes() {
            return null;
        }
    }
}
