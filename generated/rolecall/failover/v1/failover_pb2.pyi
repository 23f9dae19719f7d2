import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import httpbody_pb2 as _httpbody_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf import wrappers_pb2 as _wrappers_pb2
from rolecall.rest.v1 import rest_pb2 as _rest_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ClientRole(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CLIENT_ROLE_UNSPECIFIED: _ClassVar[ClientRole]
    CLIENT_ROLE_SECONDARY: _ClassVar[ClientRole]
    CLIENT_ROLE_PRIMARY: _ClassVar[ClientRole]
    CLIENT_ROLE_PENDING_PRIMARY: _ClassVar[ClientRole]
CLIENT_ROLE_UNSPECIFIED: ClientRole
CLIENT_ROLE_SECONDARY: ClientRole
CLIENT_ROLE_PRIMARY: ClientRole
CLIENT_ROLE_PENDING_PRIMARY: ClientRole

class GroupConfiguration(_message.Message):
    __slots__ = ("id", "name", "description", "failover_timeout", "milliseconds")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    FAILOVER_TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    MILLISECONDS_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    description: str
    failover_timeout: str
    milliseconds: float
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., failover_timeout: _Optional[str] = ..., milliseconds: _Optional[float] = ...) -> None: ...

class SessionSummary(_message.Message):
    __slots__ = ("id", "name")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class GroupHeartbeat(_message.Message):
    __slots__ = ("percent_healthy_streams", "heartbeat_time", "last_data_send_time")
    PERCENT_HEALTHY_STREAMS_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_DATA_SEND_TIME_FIELD_NUMBER: _ClassVar[int]
    percent_healthy_streams: float
    heartbeat_time: _timestamp_pb2.Timestamp
    last_data_send_time: _timestamp_pb2.Timestamp
    def __init__(self, percent_healthy_streams: _Optional[float] = ..., heartbeat_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_data_send_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ClientStatus(_message.Message):
    __slots__ = ("session_id", "role", "heartbeat")
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    role: ClientRole
    heartbeat: GroupHeartbeat
    def __init__(self, session_id: _Optional[str] = ..., role: _Optional[_Union[ClientRole, str]] = ..., heartbeat: _Optional[_Union[GroupHeartbeat, _Mapping]] = ...) -> None: ...

class Group(_message.Message):
    __slots__ = ("id", "name", "description", "failover_timeout", "milliseconds", "sessions", "clients", "epoch")
    class SessionsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: SessionSummary
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[SessionSummary, _Mapping]] = ...) -> None: ...
    class ClientsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: ClientStatus
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[ClientStatus, _Mapping]] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    FAILOVER_TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    MILLISECONDS_FIELD_NUMBER: _ClassVar[int]
    SESSIONS_FIELD_NUMBER: _ClassVar[int]
    CLIENTS_FIELD_NUMBER: _ClassVar[int]
    EPOCH_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    description: str
    failover_timeout: str
    milliseconds: float
    sessions: _containers.MessageMap[str, SessionSummary]
    clients: _containers.MessageMap[str, ClientStatus]
    epoch: int
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., failover_timeout: _Optional[str] = ..., milliseconds: _Optional[float] = ..., sessions: _Optional[_Mapping[str, SessionSummary]] = ..., clients: _Optional[_Mapping[str, ClientStatus]] = ..., epoch: _Optional[int] = ...) -> None: ...

class FailoverHeartbeat(_message.Message):
    __slots__ = ("failover_status", "last_data_processed_time", "heartbeat_time")
    FAILOVER_STATUS_FIELD_NUMBER: _ClassVar[int]
    LAST_DATA_PROCESSED_TIME_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_TIME_FIELD_NUMBER: _ClassVar[int]
    failover_status: float
    last_data_processed_time: _timestamp_pb2.Timestamp
    heartbeat_time: _timestamp_pb2.Timestamp
    def __init__(self, failover_status: _Optional[float] = ..., last_data_processed_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., heartbeat_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ClientSession(_message.Message):
    __slots__ = ("id", "name", "role", "heartbeat")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    role: ClientRole
    heartbeat: FailoverHeartbeat
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., role: _Optional[_Union[ClientRole, str]] = ..., heartbeat: _Optional[_Union[FailoverHeartbeat, _Mapping]] = ...) -> None: ...

class ListGroupsRequest(_message.Message):
    __slots__ = ("tenant_id", "namespace_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    namespace_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., namespace_id: _Optional[str] = ...) -> None: ...

class CreateGroupRequest(_message.Message):
    __slots__ = ("tenant_id", "namespace_id", "group", "http_body")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    namespace_id: str
    group: GroupConfiguration
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, tenant_id: _Optional[str] = ..., namespace_id: _Optional[str] = ..., group: _Optional[_Union[GroupConfiguration, _Mapping]] = ..., http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class GetGroupRequest(_message.Message):
    __slots__ = ("tenant_id", "namespace_id", "group_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    namespace_id: str
    group_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., namespace_id: _Optional[str] = ..., group_id: _Optional[str] = ...) -> None: ...

class PutGroupRequest(_message.Message):
    __slots__ = ("tenant_id", "namespace_id", "group_id", "group", "http_body")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    namespace_id: str
    group_id: str
    group: GroupConfiguration
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, tenant_id: _Optional[str] = ..., namespace_id: _Optional[str] = ..., group_id: _Optional[str] = ..., group: _Optional[_Union[GroupConfiguration, _Mapping]] = ..., http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class DeleteGroupRequest(_message.Message):
    __slots__ = ("tenant_id", "namespace_id", "group_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    namespace_id: str
    group_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., namespace_id: _Optional[str] = ..., group_id: _Optional[str] = ...) -> None: ...

class SendGroupHeartbeatRequest(_message.Message):
    __slots__ = ("tenant_id", "namespace_id", "group_id", "session_id", "heartbeat", "http_body")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_FIELD_NUMBER: _ClassVar[int]
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    namespace_id: str
    group_id: str
    session_id: str
    heartbeat: GroupHeartbeat
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, tenant_id: _Optional[str] = ..., namespace_id: _Optional[str] = ..., group_id: _Optional[str] = ..., session_id: _Optional[str] = ..., heartbeat: _Optional[_Union[GroupHeartbeat, _Mapping]] = ..., http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class GroupHeartbeatResponse(_message.Message):
    __slots__ = ("role", "last_data_send_time", "epoch")
    ROLE_FIELD_NUMBER: _ClassVar[int]
    LAST_DATA_SEND_TIME_FIELD_NUMBER: _ClassVar[int]
    EPOCH_FIELD_NUMBER: _ClassVar[int]
    role: ClientRole
    last_data_send_time: _timestamp_pb2.Timestamp
    epoch: int
    def __init__(self, role: _Optional[_Union[ClientRole, str]] = ..., last_data_send_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., epoch: _Optional[int] = ...) -> None: ...

class AddGroupClientSessionRequest(_message.Message):
    __slots__ = ("tenant_id", "namespace_id", "group_id", "session", "http_body")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_FIELD_NUMBER: _ClassVar[int]
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    namespace_id: str
    group_id: str
    session: SessionSummary
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, tenant_id: _Optional[str] = ..., namespace_id: _Optional[str] = ..., group_id: _Optional[str] = ..., session: _Optional[_Union[SessionSummary, _Mapping]] = ..., http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class RemoveGroupClientSessionRequest(_message.Message):
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

class ListClientSessionsRequest(_message.Message):
    __slots__ = ("tenant_id", "namespace_id", "group_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    namespace_id: str
    group_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., namespace_id: _Optional[str] = ..., group_id: _Optional[str] = ...) -> None: ...

class CreateClientSessionRequest(_message.Message):
    __slots__ = ("tenant_id", "namespace_id", "group_id", "client_session", "http_body")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_SESSION_FIELD_NUMBER: _ClassVar[int]
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    namespace_id: str
    group_id: str
    client_session: ClientSession
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, tenant_id: _Optional[str] = ..., namespace_id: _Optional[str] = ..., group_id: _Optional[str] = ..., client_session: _Optional[_Union[ClientSession, _Mapping]] = ..., http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class GetClientSessionRequest(_message.Message):
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

class PutClientSessionRequest(_message.Message):
    __slots__ = ("tenant_id", "namespace_id", "group_id", "session_id", "client_session", "http_body")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_SESSION_FIELD_NUMBER: _ClassVar[int]
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    namespace_id: str
    group_id: str
    session_id: str
    client_session: ClientSession
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, tenant_id: _Optional[str] = ..., namespace_id: _Optional[str] = ..., group_id: _Optional[str] = ..., session_id: _Optional[str] = ..., client_session: _Optional[_Union[ClientSession, _Mapping]] = ..., http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class DeleteClientSessionRequest(_message.Message):
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

class DeleteClientSessionResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SendHeartbeatRequest(_message.Message):
    __slots__ = ("tenant_id", "namespace_id", "group_id", "session_id", "heartbeat", "http_body")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_FIELD_NUMBER: _ClassVar[int]
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    namespace_id: str
    group_id: str
    session_id: str
    heartbeat: FailoverHeartbeat
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, tenant_id: _Optional[str] = ..., namespace_id: _Optional[str] = ..., group_id: _Optional[str] = ..., session_id: _Optional[str] = ..., heartbeat: _Optional[_Union[FailoverHeartbeat, _Mapping]] = ..., http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class FailoverResponse(_message.Message):
    __slots__ = ("role", "last_data_processed_time", "epoch")
    ROLE_FIELD_NUMBER: _ClassVar[int]
    LAST_DATA_PROCESSED_TIME_FIELD_NUMBER: _ClassVar[int]
    EPOCH_FIELD_NUMBER: _ClassVar[int]
    role: ClientRole
    last_data_processed_time: _timestamp_pb2.Timestamp
    epoch: int
    def __init__(self, role: _Optional[_Union[ClientRole, str]] = ..., last_data_processed_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., epoch: _Optional[int] = ...) -> None: ...

class ClientSessionKey(_message.Message):
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

class SessionHeartbeat(_message.Message):
    __slots__ = ("key", "failover_status", "heartbeat_time", "last_data_processed_time")
    KEY_FIELD_NUMBER: _ClassVar[int]
    FAILOVER_STATUS_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_DATA_PROCESSED_TIME_FIELD_NUMBER: _ClassVar[int]
    key: ClientSessionKey
    failover_status: float
    heartbeat_time: _timestamp_pb2.Timestamp
    last_data_processed_time: _timestamp_pb2.Timestamp
    def __init__(self, key: _Optional[_Union[ClientSessionKey, _Mapping]] = ..., failover_status: _Optional[float] = ..., heartbeat_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_data_processed_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class HeartbeatStreamRequest(_message.Message):
    __slots__ = ("heartbeats", "goodbyes", "sequence")
    HEARTBEATS_FIELD_NUMBER: _ClassVar[int]
    GOODBYES_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    heartbeats: _containers.RepeatedCompositeFieldContainer[SessionHeartbeat]
    goodbyes: _containers.RepeatedCompositeFieldContainer[ClientSessionKey]
    sequence: int
    def __init__(self, heartbeats: _Optional[_Iterable[_Union[SessionHeartbeat, _Mapping]]] = ..., goodbyes: _Optional[_Iterable[_Union[ClientSessionKey, _Mapping]]] = ..., sequence: _Optional[int] = ...) -> None: ...

class SessionRole(_message.Message):
    __slots__ = ("key", "role", "epoch", "last_data_processed_time", "failover_timeout", "error_reason", "error_message", "owner")
    KEY_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    EPOCH_FIELD_NUMBER: _ClassVar[int]
    LAST_DATA_PROCESSED_TIME_FIELD_NUMBER: _ClassVar[int]
    FAILOVER_TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    ERROR_REASON_FIELD_NUMBER: _ClassVar[int]
    ERROR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    key: ClientSessionKey
    role: ClientRole
    epoch: int
    last_data_processed_time: _timestamp_pb2.Timestamp
    failover_timeout: _duration_pb2.Duration
    error_reason: str
    error_message: str
    owner: str
    def __init__(self, key: _Optional[_Union[ClientSessionKey, _Mapping]] = ..., role: _Optional[_Union[ClientRole, str]] = ..., epoch: _Optional[int] = ..., last_data_processed_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., failover_timeout: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., error_reason: _Optional[str] = ..., error_message: _Optional[str] = ..., owner: _Optional[str] = ...) -> None: ...

class HeartbeatStreamResponse(_message.Message):
    __slots__ = ("roles", "sequence", "push")
    ROLES_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    PUSH_FIELD_NUMBER: _ClassVar[int]
    roles: _containers.RepeatedCompositeFieldContainer[SessionRole]
    sequence: int
    push: bool
    def __init__(self, roles: _Optional[_Iterable[_Union[SessionRole, _Mapping]]] = ..., sequence: _Optional[int] = ..., push: _Optional[bool] = ...) -> None: ...

class WatchGroupRequest(_message.Message):
    __slots__ = ("tenant_id", "namespace_id", "group_id")
    TENANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAMESPACE_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    tenant_id: str
    namespace_id: str
    group_id: str
    def __init__(self, tenant_id: _Optional[str] = ..., namespace_id: _Optional[str] = ..., group_id: _Optional[str] = ...) -> None: ...

class WatchGroupResponse(_message.Message):
    __slots__ = ("group", "primary_session_id", "pending_primary_session_id", "event", "event_time")
    GROUP_FIELD_NUMBER: _ClassVar[int]
    PRIMARY_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    PENDING_PRIMARY_SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    group: Group
    primary_session_id: str
    pending_primary_session_id: str
    event: str
    event_time: _timestamp_pb2.Timestamp
    def __init__(self, group: _Optional[_Union[Group, _Mapping]] = ..., primary_session_id: _Optional[str] = ..., pending_primary_session_id: _Optional[str] = ..., event: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
