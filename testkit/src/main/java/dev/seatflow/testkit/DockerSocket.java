package dev.seatflow.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a Docker engine may be reachable, judged without Testcontainers from the places its strategies look: the
 * {@code DOCKER_HOST} variable, the usual sockets, and a {@code ~/.testcontainers.properties}. Where none of them is,
 * Testcontainers is not asked (it would log an ERROR listing every strategy it tried).
 */
final class DockerSocket {
    private DockerSocket() {
    }

    static boolean mayExist() {
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return true;
        }
        String home = System.getProperty("user.home", "");
        List<Path> places = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"),
                Path.of(home, ".docker", "run", "docker.sock"), Path.of(home, ".docker", "desktop", "docker.sock"),
                Path.of(home, ".testcontainers.properties")));
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            places.add(Path.of(runtime, "docker.sock"));
        }
        return places.stream().anyMatch(Files::exists);
    }
}
