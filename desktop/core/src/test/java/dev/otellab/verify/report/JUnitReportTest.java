package dev.otellab.verify.report;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JUnitReportTest {

    /** Validates against the schema the CI systems' readers follow (test resource verify/junit-report.xsd). */
    public static void assertValid(String xml) throws Exception {
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(JUnitReportTest.class.getResource("/verify/junit-report.xsd"));
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    public static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aPassedRunIsASuiteOfPassingTestCasesWithCountsAndTimes() throws Exception {
        String xml = new JUnitReport().write(SampleReports.passed());

        assertValid(xml);
        Element suite = (Element) parse(xml).getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("lab-console verify");
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        assertThat(suite.getAttribute("time")).isEqualTo("12.345");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-03-01T09:15:30");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(2);
        Element first = (Element) cases.item(0);
        assertThat(first.getAttribute("name")).isEqualTo("lab started");
        assertThat(first.getAttribute("classname")).isEqualTo("lab-console.verify.embedded");
        assertThat(first.getAttribute("time")).isEqualTo("2.500");
        assertThat(suite.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void aFailedCheckCarriesItsDetailAsFailureMessageAndTextEscapedAsXml() throws Exception {
        String xml = new JUnitReport().write(SampleReports.failed());

        assertValid(xml);
        Document document = parse(xml);
        assertThat(document.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        NodeList failures = document.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(1);
        Element failure = (Element) failures.item(0);
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("latency SLI (p95)");
        assertThat(failure.getTextContent()).isEqualTo(SampleReports.AWKWARD_DETAIL);
        assertThat(failure.getAttribute("message")).contains("<above> 1 ms & \"quoted\"");
    }

    @Test
    void controlCharactersThatXmlCannotCarryAreReplacedSoTheFileStaysReadable() throws Exception {
        VerifyReport report = new VerifyReport("embedded", "lab-backend", SampleReports.STARTED, Duration.ofSeconds(1),
                new TrafficSummary(1, 0, 0), List.of(CheckResult.fail("lab started", "backend said \u0001\u001b[31mred", Duration.ZERO)));

        String xml = new JUnitReport().write(report);

        assertValid(xml);
        assertThat(parse(xml).getElementsByTagName("failure").item(0).getTextContent()).isEqualTo("backend said \uFFFD\uFFFD[31mred");
    }

    @Test
    void theSchemaRejectsWhatCiReadersRejectSoTheValidationAboveMeansSomething() {
        String missingTests = "<testsuites><testsuite name=\"x\"><testcase name=\"a\"/></testsuite></testsuites>";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertValid(missingTests)).isInstanceOf(SAXException.class);
    }
}
