package dev.otellab.backend.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Bytes on a plain socket, for requests no well-behaved client sends: bodies shorter than their
 * Content-Length, broken chunking, invalid UTF-8, oversized request lines and headers.
 */
public final class RawHttp {

  /** A response as read off the wire. */
  public record Response(int status, String head, String body) {}

  private RawHttp() {}

  /**
   * Sends the bytes, optionally half-closes (the client has nothing more to send), and reads the
   * answer until the server closes the connection.
   */
  public static Response exchange(int port, byte[] request, boolean halfClose) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      if (halfClose) {
        socket.shutdownOutput();
      }
      byte[] answer = readUntilClosed(socket.getInputStream());
      String text = new String(answer, StandardCharsets.UTF_8);
      int headEnd = text.indexOf("\r\n\r\n");
      if (!text.startsWith("HTTP/1.1 ") || headEnd < 0) {
        throw new AssertionError("not an HTTP response: " + text);
      }
      int status = Integer.parseInt(text.substring(9, 12));
      return new Response(status, text.substring(0, headEnd), dechunk(text.substring(0, headEnd), text.substring(headEnd + 4)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request head (with Connection: close) followed by the given body bytes. */
  public static byte[] request(String method, String path, String headers, byte[] body) {
    byte[] head = (method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers + "\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  private static byte[] readUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
      }
    } catch (java.net.SocketException e) {
      // a reset after the answer (the server closed with our unread bytes pending): keep what came
      if (out.size() == 0) {
        throw e;
      }
    }
    return out.toByteArray();
  }

  private static String dechunk(String head, String body) {
    if (!head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
      return body;
    }
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = body.indexOf("\r\n", at);
      int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(body, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  }
}
