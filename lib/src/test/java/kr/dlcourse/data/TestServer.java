package kr.dlcourse.data;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP server on 127.0.0.1 serving one file under several behaviours, by path prefix:
 * {@code /good/} (honours Range), {@code /corrupt/} (some bytes changed), {@code /truncated/} (the
 * first half only, announced as the whole file), {@code /drop/} (closes the first connection
 * half-way, then honours Range), {@code /short/} (announces the whole file but closes every
 * connection half-way through what it was asked for); any other prefix answers 404.
 */
final class TestServer implements AutoCloseable {

  final HttpServer server;
  final byte[] file;
  final List<String> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> hits = new ConcurrentHashMap<>();

  TestServer(byte[] file) throws IOException {
    this.file = file;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String base(String behaviour) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + behaviour + "/";
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String behaviour = path.split("/")[1];
    String range = exchange.getRequestHeaders().getFirst("Range");
    requests.add(path + (range == null ? "" : " " + range));
    int hit = hits.merge(behaviour, 1, Integer::sum);
    byte[] body = file;
    switch (behaviour) {
      case "corrupt" -> {
        body = file.clone();
        for (int i = body.length / 3; i < body.length / 3 + 100; i++) {
          body[i] ^= 0x5a;
        }
      }
      case "truncated" -> body = java.util.Arrays.copyOf(file, file.length / 2);
      case "good", "drop", "short" -> {}
      default -> {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
        return;
      }
    }
    int from = 0;
    if (range != null && !behaviour.equals("corrupt") && !behaviour.equals("truncated")) {
      from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-.*", "$1"));
      exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
      exchange.sendResponseHeaders(206, body.length - from);
    } else {
      exchange.sendResponseHeaders(200, body.length);
    }
    try (OutputStream out = exchange.getResponseBody()) {
      if (behaviour.equals("drop") && hit == 1 || behaviour.equals("short")) {
        out.write(body, from, (body.length - from) / 2);
        out.flush();
        exchange.getHttpContext().getServer(); // keep the reference obvious
        throw new IOException("dropping the connection half-way");
      }
      out.write(body, from, body.length - from);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
