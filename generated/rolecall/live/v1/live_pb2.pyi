from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Links(_message.Message):
    __slots__ = ("self_link", "next")
    SELF_LINK_FIELD_NUMBER: _ClassVar[int]
    NEXT_FIELD_NUMBER: _ClassVar[int]
    self_link: str
    next: str
    def __init__(self, self_link: _Optional[str] = ..., next: _Optional[str] = ...) -> None: ...

class ResourceIdentifier(_message.Message):
    __slots__ = ("id", "type")
    ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    id: str
    type: str
    def __init__(self, id: _Optional[str] = ..., type: _Optional[str] = ...) -> None: ...

class ServicesRelationship(_message.Message):
    __slots__ = ("links", "data")
    LINKS_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    links: Links
    data: _containers.RepeatedCompositeFieldContainer[ResourceIdentifier]
    def __init__(self, links: _Optional[_Union[Links, _Mapping]] = ..., data: _Optional[_Iterable[_Union[ResourceIdentifier, _Mapping]]] = ...) -> None: ...

class SessionRelationships(_message.Message):
    __slots__ = ("services",)
    SERVICES_FIELD_NUMBER: _ClassVar[int]
    services: ServicesRelationship
    def __init__(self, services: _Optional[_Union[ServicesRelationship, _Mapping]] = ...) -> None: ...

class GroupRef(_message.Message):
    __slots__ = ("tenant_id", "namespace_id", "group_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    namespace_id: str
    group_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., namespace_id: _Optional[str] = ..., group_id: _Optional[str] = ...) -> None: ...

class ClientSessionRef(_message.Message):
    __slots__ = ("tenant_id", "namespace_id", "group_id", "session_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    namespace_id: str
    group_id: str
    session_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., namespace_id: _Optional[str] = ..., group_id: _Optional[str] = ..., session_id: _Optional[str] = ...) -> None: ...

class SessionAttributes(_message.Message):
    __slots__ = ("state", "connected", "user", "remote", "idle", "seconds_alive", "groups", "client_sessions")
    STATE_FIELD_NUMBER: _ClassVar[int]
    CONNECTED_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    REMOTE_FIELD_NUMBER: _ClassVar[int]
    IDLE_FIELD_NUMBER: _ClassVar[int]
    SECONDS_ALIVE_FIELD_NUMBER: _ClassVar[int]
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    CLIENT_SESSIONS_FIELD_NUMBER: _ClassVar[int]
    state: str
    connected: str
    user: str
    remote: str
    idle: float
    seconds_alive: float
    groups: _containers.RepeatedCompositeFieldContainer[GroupRef]
    client_sessions: _containers.RepeatedCompositeFieldContainer[ClientSessionRef]
    def __init__(self, state: _Optional[str] = ..., connected: _Optional[str] = ..., user: _Optional[str] = ..., remote: _Optional[str] = ..., idle: _Optional[float] = ..., seconds_alive: _Optional[float] = ..., groups: _Optional[_Iterable[_Union[GroupRef, _Mapping]]] = ..., client_sessions: _Optional[_Iterable[_Union[ClientSessionRef, _Mapping]]] = ...) -> None: ...

class Session(_message.Message):
    __slots__ = ("id", "type", "relationships", "attributes", "links")
    ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    RELATIONSHIPS_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTES_FIELD_NUMBER: _ClassVar[int]
    LINKS_FIELD_NUMBER: _ClassVar[int]
    id: str
    type: str
    relationships: SessionRelationships
    attributes: SessionAttributes
    links: Links
    def __init__(self, id: _Optional[str] = ..., type: _Optional[str] = ..., relationships: _Optional[_Union[SessionRelationships, _Mapping]] = ..., attributes: _Optional[_Union[SessionAttributes, _Mapping]] = ..., links: _Optional[_Union[Links, _Mapping]] = ...) -> None: ...

class ListSessionsRequest(_message.Message):
    __slots__ = ("page_size", "page_number")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_number: int
    def __init__(self, page_size: _Optional[int] = ..., page_number: _Optional[int] = ...) -> None: ...

class ListSessionsResponse(_message.Message):
    __slots__ = ("links", "data")
    LINKS_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    links: Links
    data: _containers.RepeatedCompositeFieldContainer[Session]
    def __init__(self, links: _Optional[_Union[Links, _Mapping]] = ..., data: _Optional[_Iterable[_Union[Session, _Mapping]]] = ...) -> None: ...

class GetSessionRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetSessionResponse(_message.Message):
    __slots__ = ("links", "data")
    LINKS_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    links: Links
    data: Session
    def __init__(self, links: _Optional[_Union[Links, _Mapping]] = ..., data: _Optional[_Union[Session, _Mapping]] = ...) -> None: ...

class DeleteSessionRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class DeleteSessionResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...
