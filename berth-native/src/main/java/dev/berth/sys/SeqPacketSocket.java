package dev.berth.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.Closeable;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connected {@code AF_UNIX SOCK_SEQPACKET} socket: each {@link #send} arrives as one message and
 * each {@link #receive} returns one. The JDK's unix-domain channels are stream sockets only, and a
 * stream socket cannot connect to a seqpacket one (conmon's attach socket is one).
 *
 * <p>Calls block in the kernel; a virtual thread making them pins its carrier, so call them from
 * platform threads. {@link #close} may come from any thread while another is blocked in {@link
 * #receive}: it shuts the socket down, which wakes the receiver with end of stream, and the
 * descriptor is released only when no call is using it any more, so a descriptor number reused by
 * someone else is never read or written.
 */
public final class SeqPacketSocket implements Closeable {

  private static final int AF_UNIX = 1;
  private static final int SOCK_SEQPACKET = 5;
  private static final int SOCK_CLOEXEC = 02000000;
  private static final int O_PATH = 010000000;
  private static final int O_DIRECTORY = 0200000;
  private static final int O_CLOEXEC = 02000000;
  private static final int MSG_NOSIGNAL = 0x4000;
  private static final int SHUT_WR = 1;
  private static final int SHUT_RDWR = 2;
  private static final int EINTR = 4;
  private static final int SUN_PATH_MAX = 108;
  private static final long SOCKADDR_UN_SIZE = 2 + SUN_PATH_MAX;

  private static final MethodHandle SOCKET =
      Libc.function("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
  private static final MethodHandle CONNECT =
      Libc.function("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle RECV =
      Libc.function("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  private static final MethodHandle SEND =
      Libc.function("send", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  private static final MethodHandle SHUTDOWN =
      Libc.function("shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
  private static final MethodHandle OPEN =
      Libc.function("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));

  private final int fd;
  private final String name;
  /** Calls in flight, plus one held by the open socket itself until {@link #close}. */
  private final AtomicInteger users = new AtomicInteger(1);
  private volatile boolean closed;

  private SeqPacketSocket(int fd, String name) {
    this.fd = fd;
    this.name = name;
  }

  /**
   * Connects to the socket at {@code path}. The address is {@code /proc/self/fd/N/<name>} with N a
   * descriptor of the socket's directory, so a path longer than sun_path's 108 bytes works too.
   */
  public static SeqPacketSocket connect(Path path) throws NativeIoException {
    Path dir = path.toAbsolutePath().getParent();
    String fileName = path.getFileName().toString();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      int dirFd = (int) OPEN.invokeExact(state, Libc.cString(arena, dir.toString()), O_PATH | O_DIRECTORY | O_CLOEXEC);
      if (dirFd < 0) {
        throw new NativeIoException("open", dir.toString(), Libc.errno(state));
      }
      try {
        byte[] address = ("/proc/self/fd/" + dirFd + "/" + fileName).getBytes(StandardCharsets.UTF_8);
        if (address.length >= SUN_PATH_MAX) {
          throw new IllegalArgumentException("socket name too long: " + path);
        }
        int fd = (int) SOCKET.invokeExact(state, AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
        if (fd < 0) {
          throw new NativeIoException("socket", path.toString(), Libc.errno(state));
        }
        MemorySegment sockaddr = arena.allocate(SOCKADDR_UN_SIZE);
        sockaddr.set(JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(address, 0, sockaddr, JAVA_BYTE, 2, address.length);
        int rc = (int) CONNECT.invokeExact(state, fd, sockaddr, (int) SOCKADDR_UN_SIZE);
        if (rc != 0) {
          int errno = Libc.errno(state);
          Libc.close(fd);
          throw new NativeIoException("connect", path.toString(), errno);
        }
        return new SeqPacketSocket(fd, path.toString());
      } finally {
        Libc.close(dirFd);
      }
    } catch (NativeIoException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw Libc.unexpected(t);
    }
  }

  /**
   * Receives one message into {@code buffer}, cut to its length if longer. Returns its length, or
   * -1 at end of stream: the peer closed, or this socket was shut down or closed.
   */
  public int receive(byte[] buffer) throws NativeIoException {
    if (!acquire()) {
      return -1;
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      MemorySegment message = arena.allocate(buffer.length);
      while (true) {
        long n = (long) RECV.invokeExact(state, fd, message, (long) buffer.length, 0);
        if (n > 0) {
          MemorySegment.copy(message, JAVA_BYTE, 0, buffer, 0, (int) n);
          return (int) n;
        }
        if (n == 0) {
          return -1;
        }
        int errno = Libc.errno(state);
        if (errno != EINTR) {
          if (closed) {
            return -1;
          }
          throw new NativeIoException("recv", name, errno);
        }
      }
    } catch (NativeIoException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw Libc.unexpected(t);
    } finally {
      release();
    }
  }

  /** Sends {@code length} bytes of {@code bytes} from {@code offset} as one message. */
  public void send(byte[] bytes, int offset, int length) throws NativeIoException {
    if (!acquire()) {
      throw new NativeIoException("send", name, Errno.EPIPE);
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      MemorySegment message = arena.allocate(Math.max(1, length));
      MemorySegment.copy(bytes, offset, message, JAVA_BYTE, 0, length);
      while (true) {
        long n = (long) SEND.invokeExact(state, fd, message, (long) length, MSG_NOSIGNAL);
        if (n >= 0) {
          return;
        }
        int errno = Libc.errno(state);
        if (errno != EINTR) {
          throw new NativeIoException("send", name, errno);
        }
      }
    } catch (NativeIoException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw Libc.unexpected(t);
    } finally {
      release();
    }
  }

  /** Tells the peer no more messages will come (it reads end of stream); receiving goes on. */
  public void shutdownOutput() throws NativeIoException {
    if (!acquire()) {
      return;
    }
    try {
      shutdown(SHUT_WR);
    } finally {
      release();
    }
  }

  /** Shuts the socket down both ways, waking a blocked {@link #receive}, and releases it. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      shutdown(SHUT_RDWR);
    } catch (NativeIoException e) {
      // ENOTCONN: the peer is gone already, which is what closing wants
    }
    release();
  }

  private boolean acquire() {
    while (true) {
      int n = users.get();
      if (n == 0 || closed) {
        return false;
      }
      if (users.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  private void release() {
    if (users.decrementAndGet() == 0) {
      Libc.close(fd);
    }
  }

  private void shutdown(int how) throws NativeIoException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      int rc = (int) SHUTDOWN.invokeExact(state, fd, how);
      if (rc != 0) {
        throw new NativeIoException("shutdown", name, Libc.errno(state));
      }
    } catch (NativeIoException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw Libc.unexpected(t);
    }
  }

  @Override
  public String toString() {
    return "SeqPacketSocket[" + name + "]";
  }
}
