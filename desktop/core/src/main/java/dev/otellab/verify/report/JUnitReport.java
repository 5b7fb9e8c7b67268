package dev.otellab.verify.report;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The report as JUnit XML, the format Jenkins' junit step, GitLab's artifacts:reports:junit and
 * GitHub's JUnit report actions read: one {@code testsuite} in a {@code testsuites} root, a
 * {@code testcase} per check, a {@code failure} (message = the check's detail) per failed check.
 * Times are seconds with a decimal point; the timestamp is UTC without a zone suffix, as the
 * Ant-derived schemas require.
 */
public final class JUnitReport implements ReportWriter {
    public static final String SUITE_NAME = "lab-console verify";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Override
    public String write(VerifyReport report) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            counts(xml, report);
            indent(xml, 1);
            xml.writeStartElement("testsuite");
            counts(xml, report);
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("timestamp", TIMESTAMP.format(report.startedAt().truncatedTo(ChronoUnit.SECONDS)));
            properties(xml, report);
            for (CheckResult check : report.checks()) {
                testcase(xml, report, check);
            }
            indent(xml, 1);
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("The JUnit report could not be written: " + e.getMessage(), e);
        }
        return text.toString();
    }

    private static void counts(XMLStreamWriter xml, VerifyReport report) throws XMLStreamException {
        xml.writeAttribute("name", SUITE_NAME);
        xml.writeAttribute("tests", Integer.toString(report.checks().size()));
        xml.writeAttribute("failures", Integer.toString(report.failures().size()));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("time", seconds(report.duration()));
    }

    private static void properties(XMLStreamWriter xml, VerifyReport report) throws XMLStreamException {
        indent(xml, 2);
        xml.writeStartElement("properties");
        property(xml, "mode", report.mode());
        property(xml, "service", report.service());
        property(xml, "requests.normal", Integer.toString(report.traffic().normal()));
        property(xml, "requests.slow", Integer.toString(report.traffic().slow()));
        property(xml, "requests.failing", Integer.toString(report.traffic().failing()));
        indent(xml, 2);
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        indent(xml, 3);
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value);
    }

    private static void testcase(XMLStreamWriter xml, VerifyReport report, CheckResult check) throws XMLStreamException {
        indent(xml, 2);
        if (check.passed()) {
            xml.writeEmptyElement("testcase");
        } else {
            xml.writeStartElement("testcase");
        }
        xml.writeAttribute("classname", "lab-console.verify." + report.mode());
        xml.writeAttribute("name", xmlText(check.name()));
        xml.writeAttribute("time", seconds(check.duration()));
        if (!check.passed()) {
            indent(xml, 3);
            xml.writeStartElement("failure");
            xml.writeAttribute("type", "CheckFailed");
            xml.writeAttribute("message", xmlText(check.detail()));
            xml.writeCharacters(xmlText(check.detail()));
            xml.writeEndElement();
            indent(xml, 2);
            xml.writeEndElement();
        }
    }

    private static void indent(XMLStreamWriter xml, int level) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(level));
    }

    /** XML 1.0 cannot carry most control characters, even escaped: they become U+FFFD. */
    static String xmlText(String value) {
        StringBuilder text = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            text.appendCodePoint(allowed ? c : 0xFFFD);
        });
        return text.toString();
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toMillis() / 1000.0);
    }
}
