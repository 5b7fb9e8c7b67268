// lab-otel.js: the tasks page's own small tracer (docs/decisions/0022). One span per user action
// and one CLIENT span per fetch, W3C traceparent sent with each fetch so the trace goes on in
// lab-web, and OTLP/HTTP JSON export (hex ids) to the URL the page is given. No dependencies:
// the OpenTelemetry JS SDK is not available without npm, and the lab needs nothing but a JDK.

const SPAN_KIND = { INTERNAL: 1, SERVER: 2, CLIENT: 3 };
const STATUS = { UNSET: 0, OK: 1, ERROR: 2 };
const FLUSH_EVERY_MS = 1000;
const MAX_QUEUED = 512;

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// A random id of the given size that is not all zeros (an invalid id in W3C Trace Context).
function randomId(bytes) {
  let id;
  do {
    id = hex(crypto.getRandomValues(new Uint8Array(bytes)));
  } while (/^0+$/.test(id));
  return id;
}

// Nanoseconds since the epoch as a decimal string: microseconds fit a double, so append 000.
function nowUnixNano() {
  return String(Math.round((performance.timeOrigin + performance.now()) * 1000)) + '000';
}

function attribute(key, value) {
  if (typeof value === 'number' && Number.isInteger(value)) {
    return { key, value: { intValue: String(value) } };
  }
  if (typeof value === 'number') {
    return { key, value: { doubleValue: value } };
  }
  if (typeof value === 'boolean') {
    return { key, value: { boolValue: value } };
  }
  return { key, value: { stringValue: String(value) } };
}

export class Span {
  constructor(tracer, name, kind, parent, attributes) {
    this.tracer = tracer;
    this.name = name;
    this.kind = kind;
    this.traceId = parent ? parent.traceId : randomId(16);
    this.spanId = randomId(8);
    this.parentSpanId = parent ? parent.spanId : '';
    this.attributes = { ...attributes };
    this.events = [];
    this.status = { code: STATUS.UNSET };
    this.start = nowUnixNano();
    this.ended = false;
  }

  setAttribute(key, value) {
    this.attributes[key] = value;
    return this;
  }

  // Marks the span failed and records the error as an OpenTelemetry exception event.
  recordError(error) {
    const message = error && error.message ? error.message : String(error);
    this.status = { code: STATUS.ERROR, message };
    this.events.push({
      timeUnixNano: nowUnixNano(),
      name: 'exception',
      attributes: [attribute('exception.type', (error && error.name) || 'Error'), attribute('exception.message', message)],
    });
  }

  traceparent() {
    return '00-' + this.traceId + '-' + this.spanId + '-01';
  }

  end() {
    if (this.ended) {
      return;
    }
    this.ended = true;
    this.endTime = nowUnixNano();
    this.tracer.enqueue(this);
  }

  toOtlp() {
    return {
      traceId: this.traceId,
      spanId: this.spanId,
      parentSpanId: this.parentSpanId,
      name: this.name,
      kind: this.kind,
      startTimeUnixNano: this.start,
      endTimeUnixNano: this.endTime,
      attributes: Object.entries(this.attributes).map(([key, value]) => attribute(key, value)),
      events: this.events,
      status: this.status,
    };
  }
}

export class Tracer {
  // exportUrl: the OTLP/HTTP traces URL (…/v1/traces), or null to make spans without exporting them.
  constructor(serviceName, exportUrl) {
    this.serviceName = serviceName;
    this.exportUrl = exportUrl;
    this.queue = [];
    this.exportFailures = 0;
    if (exportUrl) {
      setInterval(() => this.flush(false), FLUSH_EVERY_MS);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'hidden') {
          this.flush(true);
        }
      });
    }
  }

  startSpan(name, { kind = SPAN_KIND.INTERNAL, parent = null, attributes = {} } = {}) {
    return new Span(this, name, kind, parent, attributes);
  }

  // Runs one user action (a click, a submitted form) in its own trace; work(span) may be async.
  async action(name, work) {
    const span = this.startSpan(name, { attributes: { 'lab.action': name, 'url.path': location.pathname } });
    try {
      return await work(span);
    } catch (error) {
      span.recordError(error);
      throw error;
    } finally {
      span.end();
    }
  }

  // fetch() in a CLIENT span under parent, with the span's traceparent; an HTTP error status fails the span.
  async fetch(parent, url, init = {}) {
    const method = (init.method || 'GET').toUpperCase();
    const target = new URL(url, location.href);
    const span = this.startSpan(method + ' ' + target.pathname, {
      kind: SPAN_KIND.CLIENT,
      parent,
      attributes: {
        'http.request.method': method,
        'url.full': target.href,
        'server.address': target.hostname,
        'server.port': Number(target.port || (target.protocol === 'https:' ? 443 : 80)),
      },
    });
    const headers = new Headers(init.headers || {});
    headers.set('traceparent', span.traceparent());
    try {
      const response = await fetch(target, { ...init, headers });
      span.setAttribute('http.response.status_code', response.status);
      if (response.status >= 400) {
        span.setAttribute('error.type', String(response.status));
        span.status = { code: STATUS.ERROR, message: 'HTTP ' + response.status };
      }
      return response;
    } catch (error) {
      span.setAttribute('error.type', (error && error.name) || 'Error');
      span.recordError(error);
      throw error;
    } finally {
      span.end();
    }
  }

  enqueue(span) {
    if (!this.exportUrl) {
      return;
    }
    if (this.queue.length >= MAX_QUEUED) {
      this.queue.shift();
    }
    this.queue.push(span);
  }

  // Sends the ended spans; keepalive lets the last batch leave while the page closes.
  flush(keepalive) {
    if (this.queue.length === 0) {
      return;
    }
    const spans = this.queue.splice(0, this.queue.length);
    const body = {
      resourceSpans: [{
        resource: {
          attributes: [
            attribute('service.name', this.serviceName),
            attribute('telemetry.sdk.language', 'webjs'),
            attribute('telemetry.sdk.name', 'lab-otel'),
            attribute('user_agent.original', navigator.userAgent),
          ],
        },
        scopeSpans: [{ scope: { name: 'lab-otel', version: '1' }, spans: spans.map((span) => span.toOtlp()) }],
      }],
    };
    fetch(this.exportUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      keepalive,
    }).then((response) => {
      if (!response.ok) {
        this.exportFailures++;
      }
    }, () => {
      this.exportFailures++;
    });
  }
}

// The tracer the page uses, set up from lab-web's /browser-config.json.
export async function createTracer() {
  let config = { serviceName: 'lab-browser', otlpTracesUrl: null };
  try {
    const response = await fetch('/browser-config.json');
    if (response.ok) {
      config = await response.json();
    }
  } catch (error) {
    // without its settings the page still traces and propagates, it only does not export
  }
  return new Tracer(config.serviceName, config.otlpTracesUrl);
}
