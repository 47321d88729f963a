"""Memory scenarios of issue 22: clients that declare more than they send,
never read, or dump everything. Run by hostile.sh against one server
already listening on 127.0.0.1:PORT; prints nothing, holds its sockets
open until killed, so that the caller reads the server's RSS meanwhile."""
import socket, struct, sys, threading, time

scenario, port = sys.argv[1], int(sys.argv[2])
addr = ("127.0.0.1", port)
socks = []

def conn():
    s = socket.create_connection(addr)
    socks.append(s)
    return s

senders = []

def send(s, data):
    """Sends in the background: a server that stops reading must not stop
    the other connections from being opened."""
    t = threading.Thread(target=s.sendall, args=(data,), daemon=True)
    t.start()
    senders.append(t)

def ready():
    for t in senders:
        t.join(30)
    print("ready", flush=True)
    time.sleep(3600)

if scenario == "slowset":          # 500 x 900 KB of a declared 1000 KB set
    for i in range(500):
        send(conn(), b"set slow%d 0 0 %d\r\n" % (i, 1000 << 10) + b"v" * (900 << 10))
elif scenario == "bigitems":       # -I 32m: 40 x 28 MB of a declared 30 MB set
    for i in range(40):
        send(conn(), b"set big%d 0 0 %d\r\n" % (i, 30 << 20) + b"v" * (28 << 20))
elif scenario == "sasl":           # 300 unauthenticated 1000 KB SASL_AUTH bodies
    body = b"PLAIN" + b"\0u\0" + b"p" * (1000 << 10)
    hdr = struct.pack(">BBHBBHIIQ", 0x80, 0x21, 5, 0, 0, 0, len(body), 0, 0)
    for i in range(300):
        send(conn(), hdr + body[:-1])
elif scenario in ("multiget", "multiget-noread"):
    s = conn()                     # five 1 MB values, then 200 multigets
    for k in range(5):
        s.sendall(b"set mg%d 0 0 %d\r\n" % (k, 1000 << 10) + b"v" * (1000 << 10) + b"\r\n")
        buf = b""
        while not buf.endswith(b"\r\n"):
            buf += s.recv(64)
    for i in range(200):
        c = conn()
        send(c, b"get mg0 mg1 mg2 mg3 mg4\r\n")
        if scenario == "multiget":
            buf = b""
            while not buf.endswith(b"END\r\n"):
                buf += c.recv(1 << 20)
elif scenario == "metadump":       # 300k items, 20 dumps that are never read
    s = conn()
    batch = b"".join(b"set md%07d 0 0 10 noreply\r\n0123456789\r\n" % i for i in range(300000))
    s.sendall(batch + b"version\r\n")
    buf = b""
    while b"VERSION" not in buf:
        buf += s.recv(4096)
    for i in range(20):
        conn().sendall(b"lru_crawler metadump all\r\n")
else:
    sys.exit("unknown scenario " + scenario)
ready()
