"""A loopback TCP workload the tcp tool tests trace: a connection carrying a known number of
bytes from client to server."""

import socket
import threading


def transfer(nbytes, family=socket.AF_INET, host="127.0.0.1"):
    """Connects to a fresh listener, sends nbytes, closes both ends. Returns
    (client_port, server_port)."""
    listener = socket.socket(family)
    listener.bind((host, 0))
    listener.listen()
    client = socket.create_connection(listener.getsockname()[:2])
    server, _ = listener.accept()
    payload = b"t" * nbytes
    sender = threading.Thread(target=client.sendall, args=(payload,))
    sender.start()
    received = 0
    while received < nbytes:
        chunk = server.recv(1 << 20)
        if not chunk:
            break
        received += len(chunk)
    sender.join()
    ports = (client.getsockname()[1], listener.getsockname()[1])
    client.close()
    server.close()
    listener.close()
    return ports
