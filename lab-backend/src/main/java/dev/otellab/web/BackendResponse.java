package dev.otellab.web;

import java.util.Optional;

/** lab-backend's answer, kept whole to pass on to the page. */
record BackendResponse(int status, Optional<String> contentType, Optional<String> location, byte[] body) {}
