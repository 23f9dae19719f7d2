"""Freezer job sessions and jobs of every project, kept in the store.

The rules are in `server.domain.jobs`; this module reads, applies them and writes. Documents are
stored under (project_id, id). A project's changes are serialised by one lock, so each
read-modify-write (a session and its jobs together) is atomic through `Store.write`.

Several replicas (`ownership` given): a project's documents belong to the shard of (project,),
so that lock and the project's quota hold across replicas: only the shard's owner serves the
project (the others answer NOT_OWNER) and its writes are fenced by the owner's lease. Nothing is
held in memory, so taking or giving up a shard loads and flushes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from typing import Any

from server.domain import jobs as rules
from server.domain.clock import Clock
from server.domain.errors import AlreadyExists, NotFound, check_id
from server.domain.jobs import ActionResult, Document, PageRequest
from server.domain.quotas import DEFAULT_QUOTAS, Quotas, check_quota
from server.services.documents import parse_each, parse_one
from server.services.locks import KeyedLocks
from server.services.ownership import Ownership, ShardedService, giving_up_when_fenced
from server.store.base import DamagedDocument, Store, Write

SESSION_KIND = "job_session"
JOB_KIND = "job"
# What each kind's identifier is called, the error when none is found, and the check of a
# stored document.
_KINDS: dict[str, tuple[str, Callable[[str], NotFound], Callable[[Document], Document]]] = {
    SESSION_KIND: ("session", rules.job_session_not_found, rules.stored_session),
    JOB_KIND: ("job", rules.job_not_found, rules.stored_job),
}
# The first page, unfiltered.
ALL = PageRequest()


class Jobs(ShardedService):
    """Freezer sessions and jobs of every project, kept in the store."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        quotas: Quotas = DEFAULT_QUOTAS,
        ownership: Ownership | None = None,
    ) -> None:
        super().__init__(store, quotas, ownership)
        self._clock = clock
        self._locks: KeyedLocks[str] = KeyedLocks()

    # -- sessions

    async def list_sessions(self, project_id: str, request: PageRequest = ALL) -> list[Document]:
        """A page of the project's sessions, in identifier order."""
        return await self._list(SESSION_KIND, project_id, request)

    async def create_session(self, project_id: str, user_id: str, fields: Mapping[str, Any]) -> str:
        """Create a session from Freezer's fields; `schedule` is required. Answers its id."""
        self._check_project(project_id)
        session_id = uuid.uuid4().hex
        doc = rules.new_session(session_id, project_id, user_id, fields)
        async with self._project(project_id):
            await self._check_quota(SESSION_KIND, project_id)
            await self._store.put(SESSION_KIND, (project_id, session_id), doc)
        return session_id

    async def get_session(self, project_id: str, session_id: str) -> Document:
        """The session with its jobs."""
        self._check_project(project_id)
        return await self._get_session(project_id, session_id)

    async def update_session(
        self, project_id: str, session_id: str, patch: Mapping[str, Any]
    ) -> int:
        """Change the fields the patch holds; answers the new version. `session_id` in the patch
        names the session when `session_id` is empty (Freezer's PATCH on the collection)."""
        self._check_project(project_id)
        if not session_id:
            session_id = str(patch.get("session_id") or "")
        return await self._patch(SESSION_KIND, project_id, session_id, rules.session_fields(patch))

    async def delete_session(self, project_id: str, session_id: str) -> None:
        """Delete a session; its jobs no longer name it."""
        self._check_project(project_id)
        async with self._project(project_id):
            doc = await self._get_session(project_id, session_id)
            writes = [Write(SESSION_KIND, (project_id, session_id), None)]
            for job_id in doc.get("jobs", {}):
                job = await self._find(JOB_KIND, project_id, job_id)
                if job is not None and job.get("session_id") == session_id:
                    rules.detach_job(job)
                    writes.append(Write(JOB_KIND, (project_id, job_id), job))
            await self._store.write(writes)

    async def add_job(self, project_id: str, session_id: str, job_id: str) -> None:
        """Put a job in a session. A job is in one session at most: adding it elsewhere takes it
        out of its previous session."""
        self._check_project(project_id)
        async with self._project(project_id):
            session = await self._get_session(project_id, session_id)
            job = await self._get_job(project_id, job_id)
            writes: list[Write] = []
            previous_id = str(job.get("session_id") or "")
            if previous_id and previous_id != session_id:
                previous = await self._find(SESSION_KIND, project_id, previous_id)
                if previous is not None and rules.forget_job(previous, job_id):
                    writes.append(Write(SESSION_KIND, (project_id, previous_id), previous))
            rules.add_job(session, job)
            writes.append(Write(SESSION_KIND, (project_id, session_id), session))
            writes.append(Write(JOB_KIND, (project_id, job_id), job))
            await self._store.write(writes)

    async def remove_job(self, project_id: str, session_id: str, job_id: str) -> None:
        """Take a job out of a session and reset it (session_id "", session_tag 0, event stop).
        Removing a job that is not in the session changes nothing."""
        self._check_project(project_id)
        async with self._project(project_id):
            session = await self._get_session(project_id, session_id)
            job = await self._get_job(project_id, job_id)
            writes: list[Write] = []
            if rules.forget_job(session, job_id):
                writes.append(Write(SESSION_KIND, (project_id, session_id), session))
            if job.get("session_id") == session_id:
                rules.detach_job(job, stop=True)
                writes.append(Write(JOB_KIND, (project_id, job_id), job))
            await self._store.write(writes)

    async def run_action(
        self, project_id: str, session_id: str, action: str, params: Mapping[str, Any]
    ) -> ActionResult:
        """Run Freezer's "start" or "end" action on a session (`server.domain.jobs`)."""
        self._check_project(project_id)
        rules.check_action(action, params)
        async with self._project(project_id):
            session = await self._get_session(project_id, session_id)
            now = int(self._clock.wall().timestamp())
            result, changed = rules.run_action(session, action, params, now)
            if changed:
                await self._store.put(SESSION_KIND, (project_id, session_id), session)
            return result

    # -- jobs

    async def list_jobs(self, project_id: str, request: PageRequest = ALL) -> list[Document]:
        """A page of the project's jobs, in identifier order."""
        return await self._list(JOB_KIND, project_id, request)

    async def create_job(self, project_id: str, user_id: str, fields: Mapping[str, Any]) -> str:
        """Create a job; job_id is optional. Answers the job's id; ALREADY_EXISTS if the project
        has that id."""
        self._check_project(project_id)
        job_id = fields.get("job_id") or uuid.uuid4().hex
        now = int(self._clock.wall().timestamp())
        doc = rules.new_job(job_id, project_id, user_id, fields, now)
        async with self._project(project_id):
            await self._check_quota(JOB_KIND, project_id)
            if not await self._store.create(JOB_KIND, (project_id, job_id), doc):
                raise AlreadyExists(
                    "JOB_EXISTS",
                    f"The project already has a job {job_id!r}.",
                    "Give another job_id, or none to get one.",
                )
        return str(job_id)

    async def get_job(self, project_id: str, job_id: str) -> Document:
        self._check_project(project_id)
        return await self._get_job(project_id, job_id)

    async def update_job(self, project_id: str, job_id: str, patch: Mapping[str, Any]) -> int:
        """Change the fields the patch holds (never job_id nor user_id); answers the new
        version."""
        self._check_project(project_id)
        changes = rules.job_fields(patch)
        changes.pop("job_id", None)
        return await self._patch(JOB_KIND, project_id, job_id, changes)

    async def delete_job(self, project_id: str, job_id: str) -> None:
        """Delete a job; its session forgets it, so the session's run does not wait for it."""
        self._check_project(project_id)
        async with self._project(project_id):
            doc = await self._get_job(project_id, job_id)
            writes = [Write(JOB_KIND, (project_id, job_id), None)]
            session_id = str(doc.get("session_id") or "")
            if session_id:
                session = await self._find(SESSION_KIND, project_id, session_id)
                if session is not None and rules.forget_job(session, job_id):
                    writes.append(Write(SESSION_KIND, (project_id, session_id), session))
            await self._store.write(writes)

    # -- helpers

    async def _list(self, kind: str, project_id: str, request: PageRequest) -> list[Document]:
        self._check_project(project_id)
        rows = await self._store.scan(kind, (project_id,))
        return rules.page([doc for _key, doc in parse_each(kind, rows, _KINDS[kind][2])], request)

    async def _patch(self, kind: str, project_id: str, doc_id: str, changes: Document) -> int:
        """Apply checked field changes to a session or job; answers its new version."""
        async with self._project(project_id):
            doc = await self._get(kind, project_id, doc_id)
            doc.update(changes)
            rules.bump(doc)
            rules.check_size(doc)
            await self._store.put(kind, (project_id, doc_id), doc)
            return int(doc["_version"])

    async def _check_quota(self, kind: str, project_id: str) -> None:
        """Under the project's lock: refuse one more session or job past the quota."""
        count = len(await self._store.scan(kind, (project_id,)))
        what = "job sessions" if kind == SESSION_KIND else "jobs"
        check_quota(count, self._quotas.jobs_per_project, f"{what} in this project")

    async def _find(self, kind: str, project_id: str, doc_id: str) -> Document | None:
        """A related document to update alongside: None when absent or kept aside (a damaged
        document is left as it is)."""
        key = (project_id, doc_id)
        try:
            doc = await self._store.get(kind, key)
        except DamagedDocument:
            return None
        return None if doc is None else parse_one(kind, key, doc, _KINDS[kind][2])

    async def _get(self, kind: str, project_id: str, doc_id: str) -> Document:
        what, not_found, check = _KINDS[kind]
        check_id(doc_id, what)
        key = (project_id, doc_id)
        doc = await self._store.get(kind, key)
        if doc is None:
            raise not_found(doc_id)
        if parse_one(kind, key, doc, check) is None:
            raise DamagedDocument(kind, key)
        return doc

    async def _get_session(self, project_id: str, session_id: str) -> Document:
        return await self._get(SESSION_KIND, project_id, session_id)

    async def _get_job(self, project_id: str, job_id: str) -> Document:
        return await self._get(JOB_KIND, project_id, job_id)

    def _check_project(self, project_id: str) -> None:
        """A valid project id, served here (several replicas: NOT_OWNER names the owner)."""
        check_id(project_id, "project")
        self._check_served((project_id,))

    @asynccontextmanager
    async def _project(self, project_id: str) -> AsyncIterator[None]:
        """Hold the project's lock; the lock is dropped when nobody holds or waits for it. A
        write fenced meanwhile (several replicas) gives the project's shard up at once."""
        fenced = giving_up_when_fenced(self._ownership, (project_id,))
        async with self._locks.hold(project_id), fenced:
            yield
