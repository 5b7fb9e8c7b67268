package dev.otellab.telemetry.client;

import dev.otellab.config.HttpClients;
import dev.otellab.telemetry.endpoints.LgtmEndpoints;
import okhttp3.Credentials;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;

/**
 * The one place that builds the HTTP client of the LGTM backends: timeouts, retries with
 * backoff for idempotent GETs (connection refused, 5xx, 429), the Authorization and
 * X-Scope-OrgID headers on every request, and trust in a custom CA next to the system's.
 */
public final class LgtmHttpClientFactory {
    public static final String TENANT_HEADER = "X-Scope-OrgID";

    private LgtmHttpClientFactory() {
    }

    public static OkHttpClient create(LgtmEndpoints endpoints, LgtmClientSettings settings) {
        OkHttpClient.Builder builder = HttpClients.builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .addInterceptor(new SignIn(endpoints))
                .addInterceptor(new Retry(settings));
        if (endpoints.caCertificate() != null) {
            X509TrustManager trust = trustWithCustomCa(endpoints.caCertificate());
            builder.sslSocketFactory(sslContext(trust).getSocketFactory(), trust);
        }
        return builder.build();
    }

    /** The system's CAs plus every certificate in the PEM file. */
    static X509TrustManager trustWithCustomCa(Path pemFile) {
        Collection<? extends Certificate> custom;
        try (InputStream in = Files.newInputStream(pemFile)) {
            custom = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("The CA certificate file " + pemFile + " cannot be read: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The CA certificate file " + pemFile
                    + " is not a PEM certificate: " + e.getMessage());
        }
        if (custom.isEmpty()) {
            throw new IllegalArgumentException("The CA certificate file " + pemFile + " holds no certificate");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (X509Certificate system : x509(trustManagers(null)).getAcceptedIssuers()) {
                store.setCertificateEntry("system-" + index++, system);
            }
            for (Certificate certificate : custom) {
                store.setCertificateEntry("custom-" + index++, certificate);
            }
            return x509(trustManagers(store));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] trustManagers(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static X509TrustManager x509(TrustManager[] managers) {
        for (TrustManager manager : managers) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("The JDK offers no X.509 trust manager");
    }

    private static SSLContext sslContext(X509TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Adds the credentials and the tenant to every request (and to the live tail's upgrade request). */
    private static final class SignIn implements Interceptor {
        private final String authorization;
        private final String tenant;

        SignIn(LgtmEndpoints endpoints) {
            LgtmEndpoints.Auth auth = endpoints.auth();
            if (auth instanceof LgtmEndpoints.Auth.Basic basic) {
                authorization = Credentials.basic(basic.user(), basic.password(), java.nio.charset.StandardCharsets.UTF_8);
            } else if (auth instanceof LgtmEndpoints.Auth.Bearer bearer) {
                authorization = "Bearer " + bearer.token();
            } else {
                authorization = null;
            }
            this.tenant = endpoints.tenant();
        }

        @Override
        public Response intercept(Chain chain) throws IOException {
            Request.Builder request = chain.request().newBuilder();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (!tenant.isEmpty()) {
                request.header(TENANT_HEADER, tenant);
            }
            return chain.proceed(request.build());
        }
    }

    /**
     * Retries GETs (all the clients send; they change nothing) when the backend refused the
     * connection, failed (5xx) or asked to slow down (429), pausing with exponential backoff or
     * as long as Retry-After says, within {@link LgtmClientSettings#MAX_BACKOFF}. Timeouts are
     * not retried: a backend that is slow now is slow on the second try too, and the user waits.
     */
    private static final class Retry implements Interceptor {
        private final LgtmClientSettings settings;

        Retry(LgtmClientSettings settings) {
            this.settings = settings;
        }

        @Override
        public Response intercept(Chain chain) throws IOException {
            Request request = chain.request();
            if (!request.method().equals("GET")) {
                return chain.proceed(request);
            }
            for (int attempt = 1; ; attempt++) {
                boolean last = attempt > settings.retries();
                Response response;
                try {
                    response = chain.proceed(request);
                } catch (ConnectException e) {
                    if (last) {
                        throw e;
                    }
                    pause(settings.backoff(attempt));
                    continue;
                }
                if (last || !retryable(response.code())) {
                    return response;
                }
                Duration pause = retryAfter(response).orElse(settings.backoff(attempt));
                response.close();
                pause(pause);
            }
        }

        private static boolean retryable(int code) {
            return code == 429 || (code >= 500 && code != 501);
        }

        private static java.util.Optional<Duration> retryAfter(Response response) {
            String header = response.header("Retry-After");
            if (header == null) {
                return java.util.Optional.empty();
            }
            try {
                long seconds = Long.parseLong(header.trim());
                return java.util.Optional.of(Duration.ofSeconds(Math.max(0, Math.min(seconds,
                        LgtmClientSettings.MAX_BACKOFF.toSeconds()))));
            } catch (NumberFormatException e) {
                return java.util.Optional.empty(); // an HTTP date: fall back to our own backoff
            }
        }

        private static void pause(Duration duration) throws IOException {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to retry");
            }
        }
    }
}
