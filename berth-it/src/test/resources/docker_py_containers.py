"""Containers through docker-py (Debian's python3-docker), as a Python user drives berthd.

Prints one line per check, "name: value"; the Java test compares them."""
import socket
import sys

import docker

client = docker.DockerClient(base_url=sys.argv[1])
print("api:", client.version()["ApiVersion"])
print("run:", client.containers.run("busybox", ["sh", "-c", "echo out; echo err >&2"], remove=True,
                                    stderr=True))

sleeper = client.containers.run("busybox", "sleep 600", detach=True, name="py-sleeper")
result = sleeper.exec_run(["sh", "-c", "echo exec-$((1+2)); exit 3"])
print("exec:", result.exit_code, result.output)
result = sleeper.exec_run("tty", tty=True)
print("exec-tty:", result.exit_code, result.output.startswith(b"/dev/pts/"))
result = sleeper.exec_run(["sh", "-c", "echo o; echo e >&2"], demux=True)
print("exec-demux:", result.exit_code, result.output)

cat = client.containers.create("busybox", "cat", stdin_open=True, name="py-cat")
attached = cat.attach_socket(params={"stdin": 1, "stdout": 1, "stream": 1})
cat.start()
attached._sock.sendall(b"hello-py\n")
attached._sock.shutdown(socket.SHUT_WR)
received = b""
while True:
    chunk = attached._sock.recv(4096)
    if not chunk:
        break
    received += chunk
print("attach:", received)
print("wait:", cat.wait()["StatusCode"])

sleeper.kill()
sleeper.remove()
cat.remove()
print("left:", [c.name for c in client.containers.list(all=True) if c.name.startswith("py-")])
