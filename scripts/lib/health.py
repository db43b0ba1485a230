#!/usr/bin/python3
"""Waits until a gRPC server reports SERVING through the standard health service.

Debian's python3-grpcio ships no grpc_health package, so the call goes through a raw unary
method on /grpc.health.v1.Health/Check with the two tiny messages encoded by hand:
  HealthCheckRequest  { string service = 1; }
  HealthCheckResponse { ServingStatus status = 1; }   // 1 = SERVING

Exit status: 0 when SERVING, 1 when the deadline passes first, 2 on bad usage.
"""

import argparse
import sys
import time

import grpc

_METHOD = "/grpc.health.v1.Health/Check"
_STATUS_NAMES = {0: "UNKNOWN", 1: "SERVING", 2: "NOT_SERVING", 3: "SERVICE_UNKNOWN"}
_SERVING = 1


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _read_varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(data):
            raise ValueError("truncated varint")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7


def encode_request(service: str) -> bytes:
    if not service:
        return b""  # proto3 leaves a default string off the wire
    raw = service.encode("utf-8")
    return b"\x0a" + _varint(len(raw)) + raw


def decode_status(data: bytes) -> int:
    """Returns field 1 of a HealthCheckResponse, skipping any field it does not know."""
    status = 0
    pos = 0
    while pos < len(data):
        key, pos = _read_varint(data, pos)
        field, wire_type = key >> 3, key & 7
        if wire_type == 0:
            value, pos = _read_varint(data, pos)
            if field == 1:
                status = value
        elif wire_type == 2:
            length, pos = _read_varint(data, pos)
            pos += length
        elif wire_type == 1:
            pos += 8
        elif wire_type == 5:
            pos += 4
        else:
            raise ValueError(f"unsupported wire type {wire_type}")
    return status


def check_once(channel: grpc.Channel, service: str, timeout: float) -> int:
    call = channel.unary_unary(
        _METHOD,
        request_serializer=lambda raw: raw,
        response_deserializer=lambda raw: raw,
    )
    return decode_status(call(encode_request(service), timeout=timeout))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", required=True, help="host:port of the server")
    parser.add_argument("--service", default="", help="service name; empty means the server")
    parser.add_argument("--wait", type=float, default=30.0, help="seconds to keep trying")
    args = parser.parse_args()

    deadline = time.monotonic() + args.wait
    last = "no answer"
    with grpc.insecure_channel(args.target) as channel:
        while True:
            try:
                status = check_once(channel, args.service, timeout=2.0)
                if status == _SERVING:
                    print(f"{args.target} {args.service or '(server)'}: SERVING")
                    return 0
                last = _STATUS_NAMES.get(status, str(status))
            except grpc.RpcError as error:
                last = f"{error.code().name}: {error.details()}"
            if time.monotonic() >= deadline:
                print(f"{args.target} {args.service or '(server)'}: not SERVING after "
                      f"{args.wait:g} s ({last})", file=sys.stderr)
                return 1
            time.sleep(0.2)


if __name__ == "__main__":
    sys.exit(main())
