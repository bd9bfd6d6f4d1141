#!/usr/bin/python3
"""Misbehaving and tiny servers for jkeepalived's checker tests (run inside a test namespace).

tcp HOST PORT MODE   MODE: garbage | endless | slowloris | huge | silent | banner TEXT | paced
  paced: the header, 0.2 s later the 200-byte body "0123456789ABCDEFGHIJ" x 10 (each in its own read)
udp HOST PORT [REPLYHEX]   answers every datagram with REPLYHEX (or echoes it back)
"""
import os, socket, sys, threading, time

def serve_tcp(host, port, mode, extra):
    s = socket.socket(socket.AF_INET6 if ':' in host else socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((host, port))
    s.listen(512)
    print("listening", host, port, mode, flush=True)
    while True:
        c, _ = s.accept()
        threading.Thread(target=handle, args=(c, mode, extra), daemon=True).start()

def handle(c, mode, extra):
    try:
        if mode == 'garbage':
            c.recv(4096)
            c.sendall(os.urandom(3000).replace(b'\r\n\r\n', b'xxxx'))
            c.close()
        elif mode == 'endless':
            c.recv(4096)
            c.sendall(b'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n')
            chunk = b'x' * 65536
            while True:
                c.sendall(chunk)
        elif mode == 'slowloris':
            c.recv(4096)
            for b in b'HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello':
                c.sendall(bytes([b]))
                time.sleep(0.3)
            c.close()
        elif mode == 'huge':
            c.recv(4096)
            size = 1 << 30
            c.sendall(b'HTTP/1.0 200 OK\r\nContent-Length: %d\r\n\r\n' % size)
            chunk = b'\0' * (1 << 20)
            for _ in range(size >> 20):
                c.sendall(chunk)
            c.close()
        elif mode == 'paced':
            c.recv(4096)
            print("request", time.time(), flush=True)
            body = b'0123456789ABCDEFGHIJ' * 10
            c.sendall(b'HTTP/1.0 200 OK\r\nContent-Length: %d\r\n\r\n' % len(body))
            time.sleep(0.2)
            c.sendall(body)
            c.close()
        elif mode == 'silent':
            while c.recv(4096):
                pass
        elif mode == 'banner':
            c.sendall(extra.encode() + b'\r\n')
            while c.recv(4096):
                c.sendall(extra.encode() + b'\r\n')
    except OSError:
        pass
    finally:
        try:
            c.close()
        except OSError:
            pass

def serve_udp(host, port, reply):
    s = socket.socket(socket.AF_INET6 if ':' in host else socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((host, port))
    print("listening udp", host, port, flush=True)
    while True:
        data, peer = s.recvfrom(65535)
        s.sendto(reply if reply is not None else data, peer)

if __name__ == '__main__':
    kind, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if kind == 'tcp':
        serve_tcp(host, port, sys.argv[4], sys.argv[5] if len(sys.argv) > 5 else '')
    else:
        serve_udp(host, port, bytes.fromhex(sys.argv[4]) if len(sys.argv) > 4 else None)
