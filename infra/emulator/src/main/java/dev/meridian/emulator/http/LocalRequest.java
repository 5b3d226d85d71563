package dev.meridian.emulator.http;

import java.net.InetAddress;

/** A request to a {@code /_local} path: its method, raw path, body and the caller's address. */
public record LocalRequest(String method, String path, byte[] body, InetAddress remote) {
}
