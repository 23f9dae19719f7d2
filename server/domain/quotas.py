"""Per-tenant quotas: how much one namespace, group, tenant or project may hold.

The defaults are in the README; `rolecall serve --max-...` flags change them. A request that
would pass a quota is refused with QUOTA_EXCEEDED (REST 409) and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from server.domain.errors import InvalidArgument, QuotaExceeded


def _quota(default: int, help_text: str) -> int:
    return field(default=default, metadata={"help": help_text})


@dataclass(frozen=True, slots=True)
class Quotas:
    """How much one tenant (namespace, group, project) may hold. A request that would pass a
    quota is refused and changes nothing; deleting something makes room again."""

    groups_per_namespace: int = _quota(1000, "failover groups in one namespace")
    sessions_per_group: int = _quota(100, "client sessions in one failover group")
    ttl_sessions_per_tenant: int = _quota(10_000, "live TTL sessions in one tenant")
    jobs_per_project: int = _quota(1000, "jobs, and job sessions, in one project")
    name_length: int = _quota(256, "characters in a Name")
    description_length: int = _quota(4096, "characters in a Description")


DEFAULT_QUOTAS = Quotas()


def check_quota(count: int, limit: int, what: str) -> None:
    """Refuse adding one more when `count` already reached `limit` of `what`."""
    if count >= limit:
        raise QuotaExceeded(
            "QUOTA_EXCEEDED",
            f"The quota of {limit} {what} is reached.",
            "Delete some first, or ask the operator to raise the quota.",
        )


def check_text(value: str, limit: int, what: str) -> str:
    """Refuse a text field longer than `limit` characters."""
    if len(value) > limit:
        raise InvalidArgument(
            "FIELD_TOO_LONG",
            f"The {what} is longer than {limit} characters.",
            f"Give a {what} of at most {limit} characters.",
        )
    return value
