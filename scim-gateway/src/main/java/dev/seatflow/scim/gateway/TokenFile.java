package dev.seatflow.scim.gateway;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer tokens of the tenants: a properties file of {@code tenant=token} lines, read again whenever its
 * content changes, so that a token can be rotated without a restart. A line may list several tokens separated
 * by commas ({@code contoso=new-token,old-token}): add the new one, switch the identity provider over, then
 * remove the old one, and no request is refused on the way. A file that cannot be used (a tenant name that is
 * not an id, an empty token, one token for two tenants) is refused: at start the gateway does not start; later
 * the previous tokens stay in force and an error is logged.
 *
 * <p>Tokens are never logged, and kept only as SHA-256 digests, so that looking one up does not compare
 * secrets character by character.
 */
final class TokenFile {
    private static final Logger log = LoggerFactory.getLogger(TokenFile.class);
    /** Tenant ids as the store's keys allow them: no '/'. */
    static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]*");

    private final Path path;
    private volatile byte[] content;
    private volatile Map<String, String> tenantByDigest;

    private TokenFile(Path path, byte[] content, Map<String, String> tenantByDigest) {
        this.path = path;
        this.content = content;
        this.tenantByDigest = tenantByDigest;
    }

    /** Reads the file; throws {@link IllegalArgumentException} saying what is wrong with it. */
    static TokenFile load(Path path) {
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the tokens file " + path + " (SEATFLOW_SCIM_TOKENS_FILE): "
                    + e.getMessage());
        }
        Map<String, String> tokens = parse(path, content);
        log.info("SCIM tokens file {}: {} token(s)", path, tokens.size());
        return new TokenFile(path, content, tokens);
    }

    /** The tenant this token belongs to, after re-reading the file if it changed. */
    Optional<String> tenantOf(String token) {
        refresh();
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(tenantByDigest.get(digest(token)));
    }

    private void refresh() {
        byte[] now;
        try {
            now = Files.readAllBytes(path);
        } catch (IOException e) {
            log.warn("cannot read the tokens file {} ({}); keeping the tokens read before", path, e.getMessage());
            return;
        }
        if (Arrays.equals(now, content)) {
            return;
        }
        synchronized (this) {
            if (Arrays.equals(now, content)) {
                return;
            }
            try {
                Map<String, String> tokens = parse(path, now);
                tenantByDigest = tokens;
                log.info("SCIM tokens file {} changed: {} token(s) now", path, tokens.size());
            } catch (IllegalArgumentException e) {
                log.error("{}; keeping the tokens read before", e.getMessage());
            }
            content = now;
        }
    }

    private static Map<String, String> parse(Path path, byte[] content) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(content, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the tokens file " + path + " is not a properties file: " + e.getMessage());
        }
        Map<String, String> byDigest = new HashMap<>();
        for (String tenant : p.stringPropertyNames()) {
            if (!TENANT.matcher(tenant).matches()) {
                throw new IllegalArgumentException("the tokens file " + path + " names tenant '" + tenant
                        + "': a tenant id is letters, digits and . _ @ -");
            }
            for (String listed : p.getProperty(tenant).split(",", -1)) {
                String token = listed.trim();
                if (token.isEmpty()) {
                    throw new IllegalArgumentException("the tokens file " + path + " gives tenant '" + tenant
                            + "' an empty token");
                }
                String other = byDigest.put(digest(token), tenant);
                if (other != null && !other.equals(tenant)) {
                    throw new IllegalArgumentException("the tokens file " + path + " gives tenants '" + other
                            + "' and '" + tenant + "' the same token: each token belongs to one tenant");
                }
            }
        }
        return byDigest;
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
