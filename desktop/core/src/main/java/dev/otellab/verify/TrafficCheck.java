package dev.otellab.verify;

import dev.otellab.verify.report.CheckResult;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Judges the sending itself: every request got an HTTP answer, the failing ones failed (5xx)
 * and the slow ones succeeded. Normal requests may answer anything here: their 5xx count
 * against the availability SLI.
 */
final class TrafficCheck {
    static final String NAME = "traffic answered";

    private TrafficCheck() {
    }

    static CheckResult judge(SentTraffic traffic, Duration took) {
        List<SentRequest> requests = traffic.requests();
        List<SentRequest> unanswered = requests.stream().filter(request -> !request.answered()).toList();
        if (!unanswered.isEmpty()) {
            return CheckResult.fail(NAME, unanswered.size() + " of " + requests.size() + " requests got no answer, e.g. "
                    + describe(unanswered.get(0)) + ": " + unanswered.get(0).failure(), took);
        }
        Optional<SentRequest> failingThatDidNot = traffic.of(RequestKind.FAILING).stream()
                .filter(request -> !request.serverError()).findFirst();
        if (failingThatDidNot.isPresent()) {
            return CheckResult.fail(NAME, "a request meant to fail answered " + failingThatDidNot.get().status()
                    + ": " + describe(failingThatDidNot.get()), took);
        }
        Optional<SentRequest> slowThatFailed = traffic.of(RequestKind.SLOW).stream()
                .filter(request -> request.status() >= 300).findFirst();
        if (slowThatFailed.isPresent()) {
            return CheckResult.fail(NAME, "a slow request answered " + slowThatFailed.get().status()
                    + ": " + describe(slowThatFailed.get()), took);
        }
        List<SentRequest> normal = traffic.of(RequestKind.NORMAL);
        long normal5xx = normal.stream().filter(SentRequest::serverError).count();
        long normal4xx = normal.stream().filter(request -> request.status() >= 400 && !request.serverError()).count();
        return CheckResult.pass(NAME, String.format(java.util.Locale.ROOT,
                "all %d requests answered: %d normal (%d 4xx, %d 5xx), %d slow as asked, %d failing with 5xx as asked",
                requests.size(), normal.size(), normal4xx, normal5xx, traffic.of(RequestKind.SLOW).size(),
                traffic.of(RequestKind.FAILING).size()), took);
    }

    private static String describe(SentRequest request) {
        return request.method() + " " + request.route() + " (trace " + request.traceId() + ")";
    }
}
