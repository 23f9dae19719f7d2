import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import httpbody_pb2 as _httpbody_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from rolecall.failover.v1 import failover_pb2 as _failover_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetStatusPageRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetStatusAssetRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...

class GetStatusRequest(_message.Message):
    __slots__ = ("tenant_id", "namespace_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    namespace_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., namespace_id: _Optional[str] = ...) -> None: ...

class ClientStatus(_message.Message):
    __slots__ = ("session_id", "name", "role", "score", "heartbeat_age_seconds", "live", "last_data_time")
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_AGE_SECONDS_FIELD_NUMBER: _ClassVar[int]
    LIVE_FIELD_NUMBER: _ClassVar[int]
    LAST_DATA_TIME_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    name: str
    role: _failover_pb2.ClientRole
    score: float
    heartbeat_age_seconds: float
    live: bool
    last_data_time: _timestamp_pb2.Timestamp
    def __init__(self, session_id: _Optional[str] = ..., name: _Optional[str] = ..., role: _Optional[_Union[_failover_pb2.ClientRole, str]] = ..., score: _Optional[float] = ..., heartbeat_age_seconds: _Optional[float] = ..., live: _Optional[bool] = ..., last_data_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GroupStatus(_message.Message):
    __slots__ = ("group_id", "name", "epoch", "primary_session_id", "pending_primary_session_id", "failover_timeout_seconds", "clients")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    EPOCH_FIELD_NUMBER: _ClassVar[int]
    PRIMARY_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    PENDING_PRIMARY_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    FAILOVER_TIMEOUT_SECONDS_FIELD_NUMBER: _ClassVar[int]
    CLIENTS_FIELD_NUMBER: _ClassVar[int]
    group_id: str
    name: str
    epoch: float
    primary_session_id: str
    pending_primary_session_id: str
    failover_timeout_seconds: float
    clients: _containers.RepeatedCompositeFieldContainer[ClientStatus]
    def __init__(self, group_id: _Optional[str] = ..., name: _Optional[str] = ..., epoch: _Optional[float] = ..., primary_session_id: _Optional[str] = ..., pending_primary_session_id: _Optional[str] = ..., failover_timeout_seconds: _Optional[float] = ..., clients: _Optional[_Iterable[_Union[ClientStatus, _Mapping]]] = ...) -> None: ...

class NamespaceStatus(_message.Message):
    __slots__ = ("tenant_id", "namespace_id", "groups")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_ID_FIELD_NUMBER: _ClassVar[int]
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    namespace_id: str
    groups: _containers.RepeatedCompositeFieldContainer[GroupStatus]
    def __init__(self, tenant_id: _Optional[str] = ..., namespace_id: _Optional[str] = ..., groups: _Optional[_Iterable[_Union[GroupStatus, _Mapping]]] = ...) -> None: ...

class StreamCount(_message.Message):
    __slots__ = ("service", "count")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    service: str
    count: int
    def __init__(self, service: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class TtlSessionStatus(_message.Message):
    __slots__ = ("tenant_id", "session_id", "expire_time", "timeout_seconds")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_SECONDS_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    session_id: str
    expire_time: _timestamp_pb2.Timestamp
    timeout_seconds: int
    def __init__(self, tenant_id: _Optional[str] = ..., session_id: _Optional[str] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., timeout_seconds: _Optional[int] = ...) -> None: ...

class GetStatusResponse(_message.Message):
    __slots__ = ("snapshot_time", "namespaces", "streams", "streamed_client_sessions", "ttl_session_count", "ttl_sessions")
    SNAPSHOT_TIME_FIELD_NUMBER: _ClassVar[int]
    NAMESPACES_FIELD_NUMBER: _ClassVar[int]
    STREAMS_FIELD_NUMBER: _ClassVar[int]
    STREAMED_CLIENT_SESSIONS_FIELD_NUMBER: _ClassVar[int]
    TTL_SESSION_COUNT_FIELD_NUMBER: _ClassVar[int]
    TTL_SESSIONS_FIELD_NUMBER: _ClassVar[int]
    snapshot_time: _timestamp_pb2.Timestamp
    namespaces: _containers.RepeatedCompositeFieldContainer[NamespaceStatus]
    streams: _containers.RepeatedCompositeFieldContainer[StreamCount]
    streamed_client_sessions: int
    ttl_session_count: int
    ttl_sessions: _containers.RepeatedCompositeFieldContainer[TtlSessionStatus]
    def __init__(self, snapshot_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., namespaces: _Optional[_Iterable[_Union[NamespaceStatus, _Mapping]]] = ..., streams: _Optional[_Iterable[_Union[StreamCount, _Mapping]]] = ..., streamed_client_sessions: _Optional[int] = ..., ttl_session_count: _Optional[int] = ..., ttl_sessions: _Optional[_Iterable[_Union[TtlSessionStatus, _Mapping]]] = ...) -> None: ...

class ListApiDocumentsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ApiDocument(_message.Message):
    __slots__ = ("name", "title", "path")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    name: str
    title: str
    path: str
    def __init__(self, name: _Optional[str] = ..., title: _Optional[str] = ..., path: _Optional[str] = ...) -> None: ...

class ListApiDocumentsResponse(_message.Message):
    __slots__ = ("documents",)
    DOCUMENTS_FIELD_NUMBER: _ClassVar[int]
    documents: _containers.RepeatedCompositeFieldContainer[ApiDocument]
    def __init__(self, documents: _Optional[_Iterable[_Union[ApiDocument, _Mapping]]] = ...) -> None: ...

class GetApiDocumentRequest(_message.Message):
    __slots__ = ("name",)
    NAME_FIELD_NUMBER: _ClassVar[int]
    name: str
    def __init__(self, name: _Optional[str] = ...) -> None: ...
