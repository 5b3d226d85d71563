package dev.meridian.common.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Input and output of {@code RequestStreamHandler}s: Meridian's handlers read the raw
 * event JSON into a tree and write a tree back, through {@link Json}'s streaming reader and
 * writer (no reflection-based serialization on the cold path, and byte-for-byte the same
 * input locally and in AWS).
 */
public final class LambdaIo {

    private LambdaIo() {
    }

    public static JsonNode read(InputStream in) {
        return Json.parseTrusted(in);
    }

    public static void write(OutputStream out, JsonNode value) {
        try {
            out.write(Json.writeBytes(value));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the handler's response", e);
        }
    }
}
