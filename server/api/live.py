"""LiveSessionService: the MaxScale-style view of the live streams, as JSON:API documents.

The registry (server.domain.live_sessions) knows the streams; this file renders them in
MaxScale's envelope with absolute links. Links start with the configured public URL
(`rolecall serve --public-url`); without one, with the REST listener's own address, which the
gateway puts in `x-forwarded-host` (overwriting any the client sent: never the client's Host,
which anyone can set), and the scheme from `x-forwarded-proto`. A direct gRPC call without
either gets "http://localhost".
"""

from __future__ import annotations

import dataclasses
from urllib.parse import parse_qsl, urlsplit

from rolecall.live.v1 import live_pb2 as pb
from rolecall.live.v1 import live_pb2_grpc

from server.api.auth import current_principal
from server.api.errors import live_error_body
from server.api.rpc import Ctx, RpcSurface, metadata_value, set_http_status
from server.domain.clock import Clock
from server.domain.errors import InvalidArgument
from server.domain.live_sessions import LiveSession, LiveSessionRegistry, render_attributes

SERVICE = pb.DESCRIPTOR.services_by_name["LiveSessionService"]
rpc = RpcSurface(SERVICE, live_error_body)

COLLECTION_PATH = "/v1/sessions/"
SERVICES_PATH = "/v1/services/"
DEFAULT_HOST = "localhost"
# Envoy keeps the path (and query) the client sent here after the transcoder rewrote it.
ORIGINAL_PATH_HEADER = "x-envoy-original-path"


def base_url(context: Ctx, public_url: str | None = None) -> str:
    """`scheme://host[:port][/prefix]` for absolute links: the public URL if configured."""
    if public_url:
        return public_url.rstrip("/")
    host = metadata_value(context, "x-forwarded-host") or DEFAULT_HOST
    # A proxy chain lists every hop's value; the first is what the client asked for.
    host = host.split(",")[0].strip()
    scheme = (metadata_value(context, "x-forwarded-proto") or "http").split(",")[0].strip()
    if scheme not in ("http", "https"):
        scheme = "http"
    if not _valid_host(host):
        host = DEFAULT_HOST
    return f"{scheme}://{host}"


def _valid_host(host: str) -> bool:
    """A Host header cannot hold what would turn a link into another URL or break JSON."""
    return (
        bool(host)
        and len(host) <= 255
        and not any(c in host for c in '/\\?#@ "<>')
        and (host.isascii() and host.isprintable())
    )


def session_message(session: LiveSession, clock: Clock, base: str) -> pb.Session:
    attributes = render_attributes(session, clock)
    return pb.Session(
        id=session.id,
        type="sessions",
        relationships=pb.SessionRelationships(
            services=pb.ServicesRelationship(
                links=pb.Links(self_link=base + SERVICES_PATH),
                data=[pb.ResourceIdentifier(id=session.service, type="services")],
            )
        ),
        # The message's fields are named as the rendered attributes; only the keys differ.
        attributes=pb.SessionAttributes(
            **{
                **dataclasses.asdict(attributes),
                "groups": [
                    pb.GroupRef(tenant_id=t, namespace_id=n, group_id=g)
                    for t, n, g in attributes.groups
                ],
                "client_sessions": [
                    pb.ClientSessionRef(tenant_id=t, namespace_id=n, group_id=g, session_id=s)
                    for t, n, g, s in attributes.client_sessions
                ],
            }
        ),
        links=pb.Links(self_link=f"{base}{COLLECTION_PATH}{session.id}"),
    )


def page_of(request: pb.ListSessionsRequest, context: Ctx) -> tuple[int, int]:
    """The page asked for: MaxScale's `page[size]`/`page[number]` win over the fields."""
    size, number = request.page_size, request.page_number
    original_path = metadata_value(context, ORIGINAL_PATH_HEADER)
    if original_path:
        query_size, query_number = parse_page_query(original_path)
        size = size if query_size is None else query_size
        number = number if query_number is None else query_number
    return size, number


def parse_page_query(path: str) -> tuple[int | None, int | None]:
    """`page[size]` and `page[number]` from a raw request path such as Envoy's
    `x-envoy-original-path`; None where a parameter is absent.

    The transcoder cannot map bracketed query parameters to fields, so the server reads them
    here. Brackets may come percent-encoded (`page%5Bsize%5D`); both forms are accepted.
    """
    query = urlsplit(path).query
    size: int | None = None
    number: int | None = None
    for name, value in parse_qsl(query, keep_blank_values=True):
        if name == "page[size]":
            size = _page_int(value, "page[size]")
        elif name == "page[number]":
            number = _page_int(value, "page[number]")
    return size, number


def next_page_query(page_size: int, page_number: int) -> str:
    """The query string of the page after (`page_size`, `page_number`), for `links.next`."""
    return f"page[size]={page_size}&page[number]={page_number + 1}"


def _page_int(value: str, name: str) -> int:
    if not value.isascii() or not value.isdigit() or len(value) > 9:
        raise InvalidArgument(
            "INVALID_PAGE_PARAMETER",
            f"The query parameter {name} is not a non-negative integer.",
            f"Give {name} as a non-negative integer.",
        )
    return int(value)


def visible_tenant() -> str | None:
    """Whose sessions the caller sees: its token's tenant, or every tenant (None) for a cluster
    admin."""
    principal = current_principal()
    return None if principal.is_admin else principal.tenant


class LiveSessionServicer(live_pb2_grpc.LiveSessionServiceServicer):
    def __init__(
        self, live: LiveSessionRegistry, clock: Clock, public_url: str | None = None
    ) -> None:
        self._live = live
        self._clock = clock
        self._public_url = public_url

    @rpc.unary
    async def ListSessions(
        self, request: pb.ListSessionsRequest, context: Ctx
    ) -> pb.ListSessionsResponse:
        size, number = page_of(request, context)
        sessions, has_next = self._live.list(size, number, visible_tenant())
        base = base_url(context, self._public_url)
        collection = base + COLLECTION_PATH
        links = pb.Links(self_link=collection)
        if size:
            links.self_link = f"{collection}?page[size]={size}&page[number]={number}"
            if has_next:
                links.next = f"{collection}?{next_page_query(size, number)}"
        return pb.ListSessionsResponse(
            links=links, data=[session_message(s, self._clock, base) for s in sessions]
        )

    @rpc.unary
    async def GetSession(
        self, request: pb.GetSessionRequest, context: Ctx
    ) -> pb.GetSessionResponse:
        session = self._live.get(_session_id(request.id), visible_tenant())
        base = base_url(context, self._public_url)
        message = session_message(session, self._clock, base)
        return pb.GetSessionResponse(links=message.links, data=message)

    @rpc.unary
    async def DeleteSession(
        self, request: pb.DeleteSessionRequest, context: Ctx
    ) -> pb.DeleteSessionResponse:
        self._live.close(_session_id(request.id), visible_tenant())
        await set_http_status(context, 204)
        return pb.DeleteSessionResponse()


def _session_id(value: str) -> str:
    if not value:
        raise InvalidArgument(
            "MISSING_ID", "The session identifier is missing.", "Give a live session identifier."
        )
    return value
