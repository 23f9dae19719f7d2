"""Every limit rolecall enforces, once: the API, the domain and a restore all read these.

A limit that two layers check with two constants drifts (the failover timeout was capped at 30
days by the API and at ~29,000 years by the core, so a restore accepted what the API refused).
Per-tenant quotas, which an operator may change, are in `server.domain.quotas`.
"""

from __future__ import annotations

# -- identifiers and pages

# An identifier becomes a storage key part and a URL path segment.
MAX_ID_LENGTH = 256
# Live sessions (MaxScale's page[size]).
MAX_LIVE_PAGE_SIZE = 1000

# -- failover groups

# Far above any sensible timeout, low enough that deadlines stay finite floats.
MAX_FAILOVER_TIMEOUT_SECONDS = 30 * 24 * 3600.0

# -- TTL sessions (g4)

DEFAULT_TTL_TIMEOUT_SECONDS = 1800
MAX_TTL_TIMEOUT_SECONDS = 86400
MAX_TTL_DATA_BYTES = 64 * 1024
# A GET that slides the expiry writes the store at most this often per session.
TTL_SLIDE_WRITE_INTERVAL_SECONDS = 1.0

# -- users

MAX_PASSWORD_LENGTH = 1024
# Full name, e-mail address, each role.
MAX_USER_FIELD_LENGTH = 256

# -- jobs (Freezer)

DEFAULT_JOBS_PAGE = 10
MAX_JOBS_PAGE = 1000
DEFAULT_HOLD_OFF_SECONDS = 30
MAX_JOB_DOCUMENT_BYTES = 256 * 1024
MAX_JOB_TEXT_LENGTH = 4096
