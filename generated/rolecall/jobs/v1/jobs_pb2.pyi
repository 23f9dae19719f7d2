from google.api import annotations_pb2 as _annotations_pb2
from google.api import httpbody_pb2 as _httpbody_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from rolecall.rest.v1 import rest_pb2 as _rest_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Search(_message.Message):
    __slots__ = ("match", "match_not")
    MATCH_FIELD_NUMBER: _ClassVar[int]
    MATCH_NOT_FIELD_NUMBER: _ClassVar[int]
    match: _containers.RepeatedCompositeFieldContainer[_struct_pb2.Struct]
    match_not: _containers.RepeatedCompositeFieldContainer[_struct_pb2.Struct]
    def __init__(self, match: _Optional[_Iterable[_Union[_struct_pb2.Struct, _Mapping]]] = ..., match_not: _Optional[_Iterable[_Union[_struct_pb2.Struct, _Mapping]]] = ...) -> None: ...

class SessionJob(_message.Message):
    __slots__ = ("client_id", "status", "result", "time_started", "time_ended")
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    TIME_STARTED_FIELD_NUMBER: _ClassVar[int]
    TIME_ENDED_FIELD_NUMBER: _ClassVar[int]
    client_id: str
    status: str
    result: str
    time_started: float
    time_ended: float
    def __init__(self, client_id: _Optional[str] = ..., status: _Optional[str] = ..., result: _Optional[str] = ..., time_started: _Optional[float] = ..., time_ended: _Optional[float] = ...) -> None: ...

class JobSession(_message.Message):
    __slots__ = ("session_id", "project_id", "user_id", "description", "hold_off", "session_tag", "schedule", "status", "result", "jobs", "time_start", "time_end", "time_started", "time_ended", "version")
    class JobsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: SessionJob
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[SessionJob, _Mapping]] = ...) -> None: ...
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    HOLD_OFF_FIELD_NUMBER: _ClassVar[int]
    SESSION_TAG_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    JOBS_FIELD_NUMBER: _ClassVar[int]
    TIME_START_FIELD_NUMBER: _ClassVar[int]
    TIME_END_FIELD_NUMBER: _ClassVar[int]
    TIME_STARTED_FIELD_NUMBER: _ClassVar[int]
    TIME_ENDED_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    project_id: str
    user_id: str
    description: str
    hold_off: int
    session_tag: int
    schedule: _struct_pb2.Struct
    status: str
    result: str
    jobs: _containers.MessageMap[str, SessionJob]
    time_start: float
    time_end: float
    time_started: float
    time_ended: float
    version: int
    def __init__(self, session_id: _Optional[str] = ..., project_id: _Optional[str] = ..., user_id: _Optional[str] = ..., description: _Optional[str] = ..., hold_off: _Optional[int] = ..., session_tag: _Optional[int] = ..., schedule: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., status: _Optional[str] = ..., result: _Optional[str] = ..., jobs: _Optional[_Mapping[str, SessionJob]] = ..., time_start: _Optional[float] = ..., time_end: _Optional[float] = ..., time_started: _Optional[float] = ..., time_ended: _Optional[float] = ..., version: _Optional[int] = ...) -> None: ...

class JobSessionFields(_message.Message):
    __slots__ = ("session_id", "description", "hold_off", "session_tag", "schedule", "status", "result")
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    HOLD_OFF_FIELD_NUMBER: _ClassVar[int]
    SESSION_TAG_FIELD_NUMBER: _ClassVar[int]
    SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    description: str
    hold_off: int
    session_tag: int
    schedule: _struct_pb2.Struct
    status: str
    result: str
    def __init__(self, session_id: _Optional[str] = ..., description: _Optional[str] = ..., hold_off: _Optional[int] = ..., session_tag: _Optional[int] = ..., schedule: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., status: _Optional[str] = ..., result: _Optional[str] = ...) -> None: ...

class Job(_message.Message):
    __slots__ = ("job_id", "project_id", "user_id", "client_id", "description", "job_schedule", "job_actions", "session_id", "session_tag", "version")
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    JOB_SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    JOB_ACTIONS_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_TAG_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    project_id: str
    user_id: str
    client_id: str
    description: str
    job_schedule: _struct_pb2.Struct
    job_actions: _struct_pb2.ListValue
    session_id: str
    session_tag: int
    version: int
    def __init__(self, job_id: _Optional[str] = ..., project_id: _Optional[str] = ..., user_id: _Optional[str] = ..., client_id: _Optional[str] = ..., description: _Optional[str] = ..., job_schedule: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., job_actions: _Optional[_Union[_struct_pb2.ListValue, _Mapping]] = ..., session_id: _Optional[str] = ..., session_tag: _Optional[int] = ..., version: _Optional[int] = ...) -> None: ...

class JobFields(_message.Message):
    __slots__ = ("job_id", "client_id", "description", "job_schedule", "job_actions", "session_id", "session_tag")
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    JOB_SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    JOB_ACTIONS_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_TAG_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    client_id: str
    description: str
    job_schedule: _struct_pb2.Struct
    job_actions: _struct_pb2.ListValue
    session_id: str
    session_tag: int
    def __init__(self, job_id: _Optional[str] = ..., client_id: _Optional[str] = ..., description: _Optional[str] = ..., job_schedule: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., job_actions: _Optional[_Union[_struct_pb2.ListValue, _Mapping]] = ..., session_id: _Optional[str] = ..., session_tag: _Optional[int] = ...) -> None: ...

class ListSessionsRequest(_message.Message):
    __slots__ = ("project_id", "limit", "offset", "search", "search_document", "http_body")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    SEARCH_FIELD_NUMBER: _ClassVar[int]
    SEARCH_DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    limit: int
    offset: int
    search: str
    search_document: Search
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, project_id: _Optional[str] = ..., limit: _Optional[int] = ..., offset: _Optional[int] = ..., search: _Optional[str] = ..., search_document: _Optional[_Union[Search, _Mapping]] = ..., http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class ListSessionsResponse(_message.Message):
    __slots__ = ("sessions",)
    SESSIONS_FIELD_NUMBER: _ClassVar[int]
    sessions: _containers.RepeatedCompositeFieldContainer[JobSession]
    def __init__(self, sessions: _Optional[_Iterable[_Union[JobSession, _Mapping]]] = ...) -> None: ...

class CreateSessionRequest(_message.Message):
    __slots__ = ("project_id", "session", "http_body")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_FIELD_NUMBER: _ClassVar[int]
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    session: JobSessionFields
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, project_id: _Optional[str] = ..., session: _Optional[_Union[JobSessionFields, _Mapping]] = ..., http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class CreateSessionResponse(_message.Message):
    __slots__ = ("session_id",)
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    def __init__(self, session_id: _Optional[str] = ...) -> None: ...

class GetSessionRequest(_message.Message):
    __slots__ = ("project_id", "session_id")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    session_id: str
    def __init__(self, project_id: _Optional[str] = ..., session_id: _Optional[str] = ...) -> None: ...

class UpdateSessionRequest(_message.Message):
    __slots__ = ("project_id", "session_id", "session", "http_body")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_FIELD_NUMBER: _ClassVar[int]
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    session_id: str
    session: JobSessionFields
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, project_id: _Optional[str] = ..., session_id: _Optional[str] = ..., session: _Optional[_Union[JobSessionFields, _Mapping]] = ..., http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class UpdateSessionResponse(_message.Message):
    __slots__ = ("session_id", "version")
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    version: int
    def __init__(self, session_id: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class DeleteSessionRequest(_message.Message):
    __slots__ = ("project_id", "session_id")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    session_id: str
    def __init__(self, project_id: _Optional[str] = ..., session_id: _Optional[str] = ...) -> None: ...

class DeleteSessionResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class AddJobRequest(_message.Message):
    __slots__ = ("project_id", "session_id", "job_id")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    session_id: str
    job_id: str
    def __init__(self, project_id: _Optional[str] = ..., session_id: _Optional[str] = ..., job_id: _Optional[str] = ...) -> None: ...

class AddJobResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class RemoveJobRequest(_message.Message):
    __slots__ = ("project_id", "session_id", "job_id")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    session_id: str
    job_id: str
    def __init__(self, project_id: _Optional[str] = ..., session_id: _Optional[str] = ..., job_id: _Optional[str] = ...) -> None: ...

class RemoveJobResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class StartAction(_message.Message):
    __slots__ = ("job_id", "current_tag")
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    CURRENT_TAG_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    current_tag: int
    def __init__(self, job_id: _Optional[str] = ..., current_tag: _Optional[int] = ...) -> None: ...

class EndAction(_message.Message):
    __slots__ = ("job_id", "result", "current_tag")
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    CURRENT_TAG_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    result: str
    current_tag: int
    def __init__(self, job_id: _Optional[str] = ..., result: _Optional[str] = ..., current_tag: _Optional[int] = ...) -> None: ...

class RunActionRequest(_message.Message):
    __slots__ = ("project_id", "session_id", "start", "end", "http_body")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    session_id: str
    start: StartAction
    end: EndAction
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, project_id: _Optional[str] = ..., session_id: _Optional[str] = ..., start: _Optional[_Union[StartAction, _Mapping]] = ..., end: _Optional[_Union[EndAction, _Mapping]] = ..., http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class RunActionResponse(_message.Message):
    __slots__ = ("result", "session_tag")
    RESULT_FIELD_NUMBER: _ClassVar[int]
    SESSION_TAG_FIELD_NUMBER: _ClassVar[int]
    result: str
    session_tag: int
    def __init__(self, result: _Optional[str] = ..., session_tag: _Optional[int] = ...) -> None: ...

class ListJobsRequest(_message.Message):
    __slots__ = ("project_id", "limit", "offset", "search", "search_document", "http_body")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    SEARCH_FIELD_NUMBER: _ClassVar[int]
    SEARCH_DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    limit: int
    offset: int
    search: str
    search_document: Search
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, project_id: _Optional[str] = ..., limit: _Optional[int] = ..., offset: _Optional[int] = ..., search: _Optional[str] = ..., search_document: _Optional[_Union[Search, _Mapping]] = ..., http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class ListJobsResponse(_message.Message):
    __slots__ = ("jobs",)
    JOBS_FIELD_NUMBER: _ClassVar[int]
    jobs: _containers.RepeatedCompositeFieldContainer[Job]
    def __init__(self, jobs: _Optional[_Iterable[_Union[Job, _Mapping]]] = ...) -> None: ...

class CreateJobRequest(_message.Message):
    __slots__ = ("project_id", "job", "http_body")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    JOB_FIELD_NUMBER: _ClassVar[int]
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    job: JobFields
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, project_id: _Optional[str] = ..., job: _Optional[_Union[JobFields, _Mapping]] = ..., http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class CreateJobResponse(_message.Message):
    __slots__ = ("job_id",)
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    def __init__(self, job_id: _Optional[str] = ...) -> None: ...

class GetJobRequest(_message.Message):
    __slots__ = ("project_id", "job_id")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    job_id: str
    def __init__(self, project_id: _Optional[str] = ..., job_id: _Optional[str] = ...) -> None: ...

class UpdateJobRequest(_message.Message):
    __slots__ = ("project_id", "job_id", "job", "http_body")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    JOB_FIELD_NUMBER: _ClassVar[int]
    HTTP_BODY_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    job_id: str
    job: JobFields
    http_body: _httpbody_pb2.HttpBody
    def __init__(self, project_id: _Optional[str] = ..., job_id: _Optional[str] = ..., job: _Optional[_Union[JobFields, _Mapping]] = ..., http_body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class UpdateJobResponse(_message.Message):
    __slots__ = ("job_id", "version")
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    job_id: str
    version: int
    def __init__(self, job_id: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class DeleteJobRequest(_message.Message):
    __slots__ = ("project_id", "job_id")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    JOB_ID_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    job_id: str
    def __init__(self, project_id: _Optional[str] = ..., job_id: _Optional[str] = ...) -> None: ...

class DeleteJobResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...
