package dev.seatflow.kafka;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.PreboundSocketFactoryManager;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.server.ServerSocketFactory;

/**
 * Kafka's test kit binds every listener socket before the nodes start (so the controller quorum's ports are
 * known up front), but it binds them to the wildcard address. This variant binds them to the loopback address,
 * so an embedded broker is never reachable from the network.
 *
 * <p>The test kit's builder offers no way to supply it, so {@link #install} puts it into the builder's field by
 * reflection. If a future Kafka renames that field, the broker still works, only bound to the wildcard address.
 */
final class LoopbackSocketFactoryManager extends PreboundSocketFactoryManager {

    private final InetAddress address;
    private final Map<Integer, Map<String, ServerSocketChannel>> sockets = new HashMap<>();
    private final Map<Integer, Set<String>> used = new HashMap<>();
    private boolean closed;

    private LoopbackSocketFactoryManager(InetAddress address) {
        this.address = address;
    }

    /** Replaces the builder's socket factory manager; returns false (changing nothing) if that is not possible. */
    static boolean install(KafkaClusterTestKit.Builder builder, InetAddress address) {
        PreboundSocketFactoryManager original;
        try {
            Field field = KafkaClusterTestKit.Builder.class.getDeclaredField("socketFactoryManager");
            if (field.getType() != PreboundSocketFactoryManager.class) {
                return false;
            }
            field.setAccessible(true);
            original = (PreboundSocketFactoryManager) field.get(builder);
            field.set(builder, new LoopbackSocketFactoryManager(address));
        } catch (Exception e) { // ReflectiveOperationException, InaccessibleObjectException, ...
            return false;
        }
        Utils.closeQuietly(original, "unused socket factory manager"); // it has opened nothing yet
        return true;
    }

    @Override
    public synchronized ServerSocketChannel getSocketForListenerAndMarkAsUsed(int nodeId, String listener) {
        ServerSocketChannel socket = sockets.getOrDefault(nodeId, Map.of()).get(listener);
        if (socket != null) {
            used.computeIfAbsent(nodeId, id -> new HashSet<>()).add(listener);
        }
        return socket;
    }

    @Override
    public synchronized int getOrCreatePortForListener(int nodeId, String listener) throws IOException {
        Map<String, ServerSocketChannel> forNode = sockets.computeIfAbsent(nodeId, id -> new HashMap<>());
        ServerSocketChannel socket = forNode.get(listener);
        if (socket == null) {
            if (closed) {
                throw new IllegalStateException("Cannot open new socket: manager is closed.");
            }
            socket = ServerSocketFactory.INSTANCE.openServerSocket(listener, new InetSocketAddress(address, 0), -1, -1);
            forNode.put(listener, socket);
        }
        return ((InetSocketAddress) socket.getLocalAddress()).getPort();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Sockets taken by a node's socket server are that server's to close; close only the unused ones.
        sockets.forEach((nodeId, forNode) -> forNode.forEach((listener, socket) -> {
            if (!used.getOrDefault(nodeId, Set.of()).contains(listener)) {
                Utils.closeQuietly(socket, "serverSocketChannel");
            }
        }));
        try {
            super.close(); // marks it closed; it holds no sockets of its own
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
