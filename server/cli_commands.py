"""Operator commands of the `rolecall` CLI: groups, live sessions, status, watch, users, tokens.

Everything but `users add` and `tokens` talks gRPC to a running server (`--target`) with a token
(`--token`, env `ROLECALL_TOKEN`, or the file in `--token-file` / env `ROLECALL_TOKEN_FILE`) and
optional TLS (`--ca`, and `--cert`/`--key` for mTLS); output is a table for people by default
and JSON with `--output json` (the proto3 JSON of the API's own messages). `users add` and
`tokens` work on the data dir directly, like the server does.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import ipaddress
import json
import os
import signal
import sys
import time
from collections.abc import Sequence
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING, Any

import grpc
from google.protobuf import json_format
from google.protobuf.message import Message
from rolecall.failover.v1 import failover_pb2 as pb
from rolecall.failover.v1 import failover_pb2_grpc
from rolecall.live.v1 import live_pb2, live_pb2_grpc
from rolecall.status.v1 import status_pb2, status_pb2_grpc

from server.domain.records import record_from
from server.domain.timespan import format_timespan

if TYPE_CHECKING:
    from server.store import Store

ROLE_NAMES = {0: "Secondary", 1: "Primary", 2: "PendingPrimary"}
OUTPUT_FORMATS = ("table", "json")


TOKEN_ENV = "ROLECALL_TOKEN"
TOKEN_FILE_ENV = "ROLECALL_TOKEN_FILE"


def add_client_options(parser: argparse.ArgumentParser) -> None:
    """How a client reaches and authenticates to a server."""
    parser.add_argument("--target", default="127.0.0.1:50051", help="rolecall gRPC address")
    parser.add_argument("--token", help=f"bearer token (default: ${TOKEN_ENV})")
    parser.add_argument(
        "--token-file", type=Path, help=f"file holding the token (${TOKEN_FILE_ENV})"
    )
    parser.add_argument("--ca", type=Path, help="PEM CA bundle: connect with TLS")
    parser.add_argument("--cert", type=Path, help="PEM client certificate (mTLS)")
    parser.add_argument("--key", type=Path, help="PEM private key of --cert")


def resolve_token(token: str | None, token_file: Path | None) -> str | None:
    """The token from the flag, else $ROLECALL_TOKEN, else the flag's or $ROLECALL_TOKEN_FILE's
    file."""
    token = token or os.environ.get(TOKEN_ENV)
    if token:
        return token.strip()
    path = token_file or (Path(p) if (p := os.environ.get(TOKEN_FILE_ENV)) else None)
    return path.read_text().strip() if path is not None else None


def _is_loopback(target: str) -> bool:
    host = target.rsplit(":", 1)[0].strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def channel_credentials(
    target: str,
    token: str | None,
    ca: Path | None = None,
    cert: Path | None = None,
    key: Path | None = None,
) -> grpc.ChannelCredentials | None:
    """Credentials for a channel to `target`: TLS when a CA or client certificate is given, the
    token as call credentials. gRPC sends tokens only over TLS or to a loopback address (local
    credentials); None means a plain channel without a token."""
    if ca is not None or cert is not None:
        transport = grpc.ssl_channel_credentials(
            root_certificates=ca.read_bytes() if ca else None,
            private_key=key.read_bytes() if key else None,
            certificate_chain=cert.read_bytes() if cert else None,
        )
    elif token is not None:
        if not _is_loopback(target):
            raise ValueError(f"a token is only sent over TLS to {target}: give --ca")
        transport = grpc.local_channel_credentials(grpc.LocalConnectionType.LOCAL_TCP)
    else:
        return None
    if token is None:
        return transport
    return grpc.composite_channel_credentials(transport, grpc.access_token_call_credentials(token))


def open_channel(args: argparse.Namespace) -> grpc.aio.Channel:
    token = resolve_token(args.token, args.token_file)
    credentials = channel_credentials(args.target, token, args.ca, args.cert, args.key)
    if credentials is None:
        return grpc.aio.insecure_channel(args.target)
    return grpc.aio.secure_channel(args.target, credentials)


def add_store_arguments(parser: argparse._ActionsContainer) -> None:
    """Where the store is: `serve` and the commands that write it (`users`, `tokens`) take the
    same flags, so users and tokens reach the etcd cluster several replicas share."""
    parser.add_argument(
        "--store",
        default=None,
        metavar="URL",
        help="etcd://[user:password@]host:port[,host:port...][/prefix], etcds://... for TLS"
        " (default: SQLite in --data-dir)",
    )
    # Named after etcdctl's --cacert/--cert/--key/--user, with an etcd- prefix (--tls-cert and
    # --tls-key are rolecall's own certificate).
    parser.add_argument(
        "--etcd-cacert",
        "--etcd-ca",
        dest="etcd_ca",
        type=Path,
        help="CA bundle that verifies etcd's certificate (implies TLS; like etcdctl --cacert)",
    )
    parser.add_argument(
        "--etcd-cert", type=Path, help="client certificate for etcd (mTLS; like etcdctl --cert)"
    )
    parser.add_argument(
        "--etcd-key", type=Path, help="the client certificate's private key (etcdctl --key)"
    )
    parser.add_argument(
        "--etcd-user",
        metavar="NAME[:PASSWORD]",
        help="etcd user, overrides the URL's (like etcdctl --user; prefer --etcd-password-file)",
    )
    parser.add_argument(
        "--etcd-password-file", type=Path, help="file holding the etcd user's password"
    )


def etcd_password_of(args: argparse.Namespace) -> str | None:
    path: Path | None = args.etcd_password_file
    return path.read_text().strip() if path else None


async def open_store_of(args: argparse.Namespace) -> Store:
    """The store the flags of `add_store_arguments` (and --data-dir) name, opened."""
    from server.app import ServeConfig, open_configured_store

    # The operator commands' store flags are named as serve's.
    config = record_from(
        ServeConfig, args, store_url=args.store, etcd_password=etcd_password_of(args)
    )
    return await open_configured_store(config)


def add_operator_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    common = argparse.ArgumentParser(add_help=False)
    add_client_options(common)
    common.add_argument("--tenant", default="default")
    common.add_argument("--namespace", default="default")
    common.add_argument(
        "--output",
        "-o",
        choices=OUTPUT_FORMATS,
        default="table",
        help="table for people (default) or json (the API's own messages as proto3 JSON)",
    )
    common.add_argument(
        "--json", dest="output", action="store_const", const="json", help="same as --output json"
    )

    groups = sub.add_parser("groups", help="failover groups").add_subparsers(
        dest="action", required=True
    )
    groups.add_parser("list", parents=[common], help="list the namespace's groups")
    get = groups.add_parser("get", parents=[common], help="show a group and its clients")
    get.add_argument("group")
    create = groups.add_parser("create", parents=[common], help="create a group")
    create.add_argument("group")
    create.add_argument("--name", default="")
    create.add_argument("--description", default="")
    create.add_argument("--timeout", default="00:00:30", help=".NET time-span, e.g. 00:00:30")
    delete = groups.add_parser("delete", parents=[common], help="delete a group")
    delete.add_argument("group")

    sessions = sub.add_parser("sessions", help="live connections").add_subparsers(
        dest="action", required=True
    )
    sessions.add_parser("list", parents=[common], help="list live streams")

    sub.add_parser(
        "status",
        parents=[common],
        help="what the status page shows for a namespace: groups, roles, heartbeats, streams",
    )

    watch = sub.add_parser("watch", parents=[common], help="print a group's changes live")
    watch.add_argument("group")

    agent = sub.add_parser("agent", parents=[common], help="run a demo agent; print its role")
    agent.add_argument("group")
    agent.add_argument("session")
    agent.add_argument("--name", default=None, help="display name of the client session")
    agent.add_argument("--score", type=float, default=100.0, help="health score to report")

    users = sub.add_parser("users", help="users of the TTL session API").add_subparsers(
        dest="action", required=True
    )
    add = users.add_parser("add", help="add or replace a user; the password comes from stdin")
    add.add_argument("username")
    add.add_argument("--tenant", required=True)
    add.add_argument("--data-dir", type=Path, default=Path("data"))
    add.add_argument("--fullname", default="")
    add.add_argument("--email", default="")
    add.add_argument("--role", action="append", default=[], dest="roles")
    add_store_arguments(add)
    _token_parser(sub)


def _token_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument("--data-dir", type=Path, default=Path("data"))
    data.add_argument("--json", action="store_true", help="print JSON instead of a table")
    add_store_arguments(data)
    tokens = sub.add_parser("tokens", help="bearer tokens (works on the data dir)")
    actions = tokens.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", parents=[data], help="issue a token; prints it")
    create.add_argument("--tenant", required=True, help="the tenant ('*' with --scope admin)")
    create.add_argument("--namespace", help="limit the token to one namespace")
    create.add_argument(
        "--scope",
        action="append",
        required=True,
        dest="scopes",
        help="failover:agent, failover:read, failover:admin, sessions:admin, jobs or admin "
        "(repeatable)",
    )
    create.add_argument("--ttl", default="90d", help="lifetime: 90d, 12h, 30m, 3600s")
    create.add_argument("--subject", default="", help="who the token is for (default: its id)")
    listing = actions.add_parser("list", parents=[data], help="list issued tokens")
    listing.add_argument("--tenant")
    revoke = actions.add_parser("revoke", parents=[data], help="revoke a token by id")
    revoke.add_argument("token_id")
    actions.add_parser(
        "rotate-key",
        parents=[data],
        help="new signing key; the previous one verifies until the next rotation (restart "
        "the server to use it)",
    )


def wants_json(args: argparse.Namespace) -> bool:
    return bool(args.output == "json")


def to_json(message: Message) -> dict[str, Any]:
    return json_format.MessageToDict(message, always_print_fields_with_no_presence=True)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    cells = [[str(c) for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    print("  ".join(h.upper().ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def _failover(channel: grpc.aio.Channel) -> failover_pb2_grpc.ClientFailoverServiceStub:
    return failover_pb2_grpc.ClientFailoverServiceStub(channel)


def _group_rows(group: pb.Group) -> list[list[object]]:
    return [
        [
            sid,
            session.name,
            ROLE_NAMES.get(group.clients[sid].role, group.clients[sid].role),
            group.clients[sid].heartbeat.percent_healthy_streams
            if group.clients[sid].HasField("heartbeat")
            else "-",
        ]
        for sid, session in sorted(group.sessions.items())
    ]


async def groups_command(args: argparse.Namespace) -> int:
    async with open_channel(args) as channel:
        stub = _failover(channel)
        where = {"tenant_id": args.tenant, "namespace_id": args.namespace}
        if args.action == "list":
            found = [g async for g in stub.ListGroups(pb.ListGroupsRequest(**where))]
            if wants_json(args):
                print(json.dumps([to_json(g) for g in found], indent=2))
            else:
                print_table(
                    ["id", "name", "timeout", "sessions", "primary", "epoch"],
                    [
                        [
                            g.id,
                            g.name,
                            g.failover_timeout,
                            len(g.sessions),
                            next((s for s, c in g.clients.items() if c.role == 1), "-"),
                            g.epoch,
                        ]
                        for g in found
                    ],
                )
        elif args.action == "get":
            group = await stub.GetGroup(pb.GetGroupRequest(**where, group_id=args.group))
            if wants_json(args):
                print(json.dumps(to_json(group), indent=2))
            else:
                print(f"group {group.id} ({group.name}) timeout {group.failover_timeout}")
                print(f"epoch {group.epoch}")
                print_table(["session", "name", "role", "score"], _group_rows(group))
        elif args.action == "create":
            config = pb.GroupConfiguration(
                id=args.group,
                name=args.name,
                description=args.description,
                failover_timeout=args.timeout,
            )
            reply = await stub.CreateGroup(pb.CreateGroupRequest(**where, group=config))
            print(json.dumps(reply.value) if wants_json(args) else f"created group {reply.value}")
        elif args.action == "delete":
            reply = await stub.DeleteGroup(pb.DeleteGroupRequest(**where, group_id=args.group))
            print(json.dumps(reply.value) if wants_json(args) else f"deleted group {reply.value}")
    return 0


async def sessions_command(args: argparse.Namespace) -> int:
    async with open_channel(args) as channel:
        stub = live_pb2_grpc.LiveSessionServiceStub(channel)
        reply = await stub.ListSessions(live_pb2.ListSessionsRequest())
        if wants_json(args):
            print(json.dumps(to_json(reply), indent=2))
            return 0
        print_table(
            ["id", "service", "remote", "connected", "idle", "client sessions"],
            [
                [
                    s.id,
                    ",".join(d.id for d in s.relationships.services.data),
                    s.attributes.remote,
                    s.attributes.connected,
                    s.attributes.idle,
                    ",".join(f"{c.group_id}/{c.session_id}" for c in s.attributes.client_sessions),
                ]
                for s in reply.data
            ],
        )
    return 0


async def watch_command(args: argparse.Namespace) -> int:
    async with open_channel(args) as channel:
        request = pb.WatchGroupRequest(
            tenant_id=args.tenant, namespace_id=args.namespace, group_id=args.group
        )
        async for change in _failover(channel).WatchGroup(request):
            if wants_json(args):
                print(json.dumps(to_json(change)), flush=True)
                continue
            primary = change.primary_session_id or "none"
            pending = change.pending_primary_session_id or "none"
            when = change.event_time.ToDatetime().isoformat(timespec="milliseconds")
            print(
                f"{when} {change.event:<16} primary={primary} pending={pending} "
                f"epoch={change.group.epoch}",
                flush=True,
            )
    return 0


async def agent_command(args: argparse.Namespace) -> int:
    """A demo agent: heartbeats until Ctrl-C, printing every role change; says goodbye."""
    from rolecall.agent import FailoverAgent

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)

    token = resolve_token(args.token, args.token_file)
    async with FailoverAgent(
        args.target,
        args.tenant,
        args.namespace,
        args.group,
        args.session,
        name=args.name,
        credentials=channel_credentials(args.target, token, args.ca, args.cert, args.key),
    ) as agent:
        agent.report(score=args.score)

        async def print_changes() -> None:
            async for change in agent.role_changes():
                watermark = change.watermark.isoformat() if change.watermark else "-"
                if wants_json(args):
                    line = {
                        "role": change.role.name,
                        "epoch": change.epoch,
                        "watermark": watermark,
                        "cause": change.cause,
                    }
                    print(json.dumps(line), flush=True)
                else:
                    print(
                        f"role {change.role.name} epoch {change.epoch} watermark {watermark} "
                        f"({change.cause})",
                        flush=True,
                    )

        printer = asyncio.create_task(print_changes())
        await stop.wait()
        printer.cancel()
    # Leaving the block closed the agent: it said goodbye, so the group fails over at once.
    return 0


def users_command(args: argparse.Namespace) -> int:
    from server.services.users import Users

    if sys.stdin.isatty():
        password = getpass.getpass(f"Password for {args.username}: ")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        print("error: the password (read from standard input) is empty", file=sys.stderr)
        return 2

    async def add() -> None:
        store = await open_store_of(args)
        users = Users(store)
        try:
            await users.add(
                args.tenant,
                args.username,
                password,
                fullname=args.fullname,
                email=args.email,
                roles=tuple(args.roles),
            )
        finally:
            users.close()
            await store.close()

    asyncio.run(add())
    print(f"user {args.username} saved for tenant {args.tenant}")
    return 0


def print_status(status: status_pb2.GetStatusResponse) -> None:
    """What the status page shows, as text: groups with each client, then streams and TTL."""
    when = status.snapshot_time.ToDatetime(tzinfo=UTC).isoformat(timespec="milliseconds")
    print(f"status at {when}")
    for namespace in status.namespaces:
        where = f"{namespace.tenant_id}/{namespace.namespace_id}"
        for group in namespace.groups:
            print()
            print(
                f"{where} group {group.group_id} epoch {int(group.epoch)} "
                f"primary {group.primary_session_id or '-'} "
                f"pending {group.pending_primary_session_id or '-'} "
                f"timeout {format_timespan(group.failover_timeout_seconds)}"
            )
            print_table(
                ["session", "role", "live", "heartbeat age", "score"],
                [
                    [
                        c.session_id,
                        ROLE_NAMES.get(c.role, c.role),
                        "yes" if c.live else "no",
                        f"{c.heartbeat_age_seconds:.1f} s"
                        if c.HasField("heartbeat_age_seconds")
                        else "-",
                        f"{c.score:g}",
                    ]
                    for c in group.clients
                ],
            )
    streams = ", ".join(f"{s.service} {s.count}" for s in status.streams)
    print()
    print(
        f"live streams: {streams or 'none'} "
        f"({status.streamed_client_sessions} client sessions streamed)"
    )
    print(f"TTL sessions: {status.ttl_session_count}")


async def status_command(args: argparse.Namespace) -> int:
    """The status page's snapshot (StatusService.GetStatus) for a tenant and namespace."""
    async with open_channel(args) as channel:
        request = status_pb2.GetStatusRequest(tenant_id=args.tenant, namespace_id=args.namespace)
        status = await status_pb2_grpc.StatusServiceStub(channel).GetStatus(request)
    if wants_json(args):
        print(json.dumps(to_json(status), indent=2))
    else:
        print_status(status)
    return 0


def tokens_command(args: argparse.Namespace) -> int:
    from server.domain.auth import parse_scopes, parse_ttl
    from server.services.tokens import Keyring, Tokens

    if args.action == "rotate-key":
        keyring, created = Keyring.load(args.data_dir)
        key = keyring.signing if created else keyring.rotate()
        print(f"signing key {key.key_id}; verifying: {', '.join(k.key_id for k in keyring.keys)}")
        print("restart rolecall (and its Envoy) to sign and verify with it")
        return 0

    async def run() -> int:
        store = await open_store_of(args)
        try:
            tokens = Tokens(Keyring.load(args.data_dir)[0], store)
            if args.action == "create":
                issued = await tokens.issue(
                    tenant=args.tenant,
                    namespace=args.namespace,
                    scopes=parse_scopes(args.scopes),
                    ttl_seconds=parse_ttl(args.ttl),
                    subject=args.subject,
                )
                print(json.dumps(issued.record) if args.json else issued.token)
                if not args.json:
                    print(f"token id {issued.token_id}", file=sys.stderr)
            elif args.action == "list":
                records = await tokens.list(args.tenant)
                if args.json:
                    print(json.dumps(records, indent=2))
                else:
                    print_table(
                        ["id", "tenant", "namespace", "scope", "subject", "expires", "revoked"],
                        [
                            [
                                r["jti"],
                                r["tenant"],
                                r["namespace"] or "*",
                                r["scope"],
                                r["sub"],
                                time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(r["exp"])),
                                "yes" if r["revoked"] else "no",
                            ]
                            for r in records
                        ],
                    )
            elif args.action == "revoke":
                await tokens.revoke(args.token_id)
                print(f"revoked token {args.token_id}")
        finally:
            await store.close()
        return 0

    return asyncio.run(run())


def run_operator_command(args: argparse.Namespace) -> int:
    from server.domain.errors import DomainError

    try:
        if args.command == "users":
            return users_command(args)
        if args.command == "tokens":
            return tokens_command(args)
        handler = {
            "groups": groups_command,
            "sessions": sessions_command,
            "watch": watch_command,
            "agent": agent_command,
            "status": status_command,
        }[args.command]
        return asyncio.run(handler(args))
    except grpc.aio.AioRpcError as error:
        print(f"error: {error.code().name}: {error.details()}", file=sys.stderr)
        return 1
    except DomainError as error:
        print(f"error: {error.message} {error.resolution}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
