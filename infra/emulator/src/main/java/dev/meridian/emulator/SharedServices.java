package dev.meridian.emulator;

import dev.meridian.emulator.auth.LocalIssuer;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * What one region's stack shares with the other regions of a multi-region run: the DynamoDB
 * engine (in global mode, one replica per region, the region taken from each request's
 * credential scope) and the one local issuer (its URL and signing key), as one user pool serves
 * every region.
 *
 * @param dynamoDbEndpoint the shared engine's endpoint, once it listens (the regions start while it starts);
 *                         the stack starts no engine of its own
 * @param issuerUrl        the issuer every region's tokens name and every authorizer expects
 * @param issuerKey        the issuer's signing key (once generated), so that any region mints and verifies the same tokens
 */
public record SharedServices(CompletableFuture<URI> dynamoDbEndpoint, String issuerUrl, CompletableFuture<LocalIssuer.KeyMaterial> issuerKey) {

    public SharedServices {
        if (dynamoDbEndpoint == null || issuerUrl == null || issuerKey == null) {
            throw new IllegalArgumentException("shared services need the DynamoDB endpoint, the issuer URL and its key");
        }
    }
}
