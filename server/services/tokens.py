"""Tokens: signing keys in the data dir, issued and revoked tokens in the store, verification.

Keys are Ed25519 (JWS `EdDSA`), one PEM file each under `<data dir>/auth/keys/` (0600), listed
newest first in `<data dir>/auth/keyring.json`. The newest signs; at most two verify, so after
`rotate-key` tokens signed by the previous key keep working until the next rotation (the
overlap). The public keys are rendered as a JWKS into Envoy's config at start: a server restart
picks up a rotation.

Every issued token is recorded in the store (kind `token`, key (tenant, jti)); a revocation adds
(tenant, jti) under kind `revoked_token`. The server re-reads the revoked list every few seconds,
so a revocation made by `rolecall tokens revoke` (another process, same store) takes effect on
running servers within that period, cached streams included.

PyJWT does the signing and verifying (an EdDSA verify costs ~143 us here): each distinct token
is verified once and its principal cached until it expires.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from server.domain.auth import (
    ANY_TENANT,
    AUDIENCE,
    ISSUER,
    REVOKED_TOKEN,
    Principal,
    Scope,
    bad_token,
    claims_for,
    principal_from_claims,
)
from server.domain.errors import NotFound
from server.store.base import Store, Write

log = logging.getLogger("rolecall.auth")

ALGORITHM = "EdDSA"
TOKEN_KIND = "token"
REVOKED_KIND = "revoked_token"
# Keys that verify: the signing key and the one before it (the rotation overlap).
VERIFYING_KEYS = 2
BOOTSTRAP_SUBJECT = "bootstrap-admin"
BOOTSTRAP_TTL_SECONDS = 365 * 86400
# Verified tokens kept; beyond this the cache starts over (a flood of distinct valid tokens
# costs verifications, never memory).
MAX_CACHED_TOKENS = 10_000
# Small clock differences between the issuing and the verifying machine.
LEEWAY_SECONDS = 5


def auth_dir(data_dir: Path) -> Path:
    return data_dir / "auth"


def bootstrap_token_path(data_dir: Path) -> Path:
    return auth_dir(data_dir) / "bootstrap-admin.token"


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read, created 0600 (never briefly world-readable)."""
    for directory in reversed([path.parent, *path.parent.parents]):
        if not directory.exists():
            directory.mkdir(mode=0o700)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.replace(tmp, path)


@dataclass(frozen=True, slots=True)
class SigningKey:
    key_id: str
    private: Ed25519PrivateKey

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    def jwk(self) -> dict[str, Any]:
        jwk: dict[str, Any] = json.loads(jwt.algorithms.OKPAlgorithm.to_jwk(self.public))
        return {**jwk, "kid": self.key_id, "alg": ALGORITHM, "use": "sig"}


class Keyring:
    """The signing keys under `<data dir>/auth`, newest first."""

    def __init__(self, directory: Path, keys: list[SigningKey]) -> None:
        self._directory = directory
        self.keys = keys

    @classmethod
    def load(cls, data_dir: Path, *, create: bool = True) -> tuple[Keyring, bool]:
        """The keyring, and whether it was created just now (first start)."""
        directory = auth_dir(data_dir)
        index = directory / "keyring.json"
        if not index.exists():
            if not create:
                raise FileNotFoundError(f"no signing keys in {directory}")
            ring = cls(directory, [])
            ring.rotate()
            return ring, True
        key_ids = json.loads(index.read_text())["keys"]
        keys = []
        for key_id in key_ids:
            pem = (directory / "keys" / f"{key_id}.pem").read_bytes()
            private = serialization.load_pem_private_key(pem, password=None)
            if not isinstance(private, Ed25519PrivateKey):
                raise ValueError(f"signing key {key_id} is not an Ed25519 key")
            keys.append(SigningKey(key_id, private))
        return cls(directory, keys), False

    @property
    def signing(self) -> SigningKey:
        return self.keys[0]

    def rotate(self) -> SigningKey:
        """A new signing key; the previous one still verifies, older ones are removed."""
        key = SigningKey(secrets.token_hex(8), Ed25519PrivateKey.generate())
        pem = key.private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        write_private(self._directory / "keys" / f"{key.key_id}.pem", pem)
        dropped = self.keys[VERIFYING_KEYS - 1 :]
        self.keys = [key, *self.keys[: VERIFYING_KEYS - 1]]
        write_private(
            self._directory / "keyring.json",
            json.dumps({"keys": [k.key_id for k in self.keys]}, indent=2) + "\n",
        )
        for old in dropped:
            (self._directory / "keys" / f"{old.key_id}.pem").unlink(missing_ok=True)
        return key

    def jwks(self) -> dict[str, Any]:
        """The public keys as a JSON Web Key Set (what Envoy's jwt_authn is given)."""
        return {"keys": [k.jwk() for k in self.keys]}


@dataclass(frozen=True, slots=True)
class IssuedToken:
    token: str
    token_id: str
    record: dict[str, Any]


class Tokens:
    """Issue, list, revoke and verify tokens."""

    def __init__(
        self, keyring: Keyring, store: Store, now: Callable[[], float] = time.time
    ) -> None:
        self._keyring = keyring
        self._store = store
        self._now = now
        self._public = {k.key_id: k.public for k in keyring.keys}
        self._cache: dict[str, Principal] = {}
        self._revoked: frozenset[str] = frozenset()

    @property
    def keyring(self) -> Keyring:
        return self._keyring

    async def issue(
        self,
        *,
        tenant: str,
        scopes: Iterable[Scope],
        ttl_seconds: int,
        namespace: str | None = None,
        subject: str = "",
    ) -> IssuedToken:
        """Sign a new token and record it in the store."""
        now = int(self._now())
        # Hex: an id is an argument of `rolecall tokens revoke`, never taken for a "-" flag.
        token_id = secrets.token_hex(12)
        claims = claims_for(
            subject=subject or f"token:{token_id}",
            tenant=tenant,
            namespace=namespace,
            scopes=scopes,
            token_id=token_id,
            issued_at=now,
            expires_at=now + ttl_seconds,
        )
        signing = self._keyring.signing
        token = jwt.encode(
            claims, signing.private, algorithm=ALGORITHM, headers={"kid": signing.key_id}
        )
        record = {
            "jti": token_id,
            "sub": claims["sub"],
            "tenant": tenant,
            "namespace": namespace or "",
            "scope": claims["scope"],
            "iat": now,
            "exp": claims["exp"],
            "kid": signing.key_id,
            "revoked": False,
        }
        await self._store.put(TOKEN_KIND, (tenant, token_id), record)
        return IssuedToken(token, token_id, record)

    async def list(self, tenant: str | None = None) -> list[dict[str, Any]]:
        """The issued tokens (of one tenant, or all), oldest first; never the token text."""
        records = [
            doc for _, doc in await self._store.scan(TOKEN_KIND, (tenant,) if tenant else ())
        ]
        return sorted(records, key=lambda r: (r["iat"], r["jti"]))

    async def revoke(self, token_id: str) -> dict[str, Any]:
        """Revoke a token by its id; running servers refuse it within seconds."""
        for key, doc in await self._store.scan(TOKEN_KIND):
            if key[-1] == token_id:
                revoked = {**doc, "revoked": True, "revoked_at": int(self._now())}
                await self._store.write(
                    [
                        Write(TOKEN_KIND, key, revoked),
                        Write(REVOKED_KIND, key, {"exp": doc["exp"]}),
                    ]
                )
                self._revoked = self._revoked | {token_id}
                return revoked
        raise NotFound("TOKEN_NOT_FOUND", f"No token has the id {token_id!r}.", "See tokens list.")

    async def refresh_revoked(self) -> None:
        """Re-read the revoked token ids from the store (revocations by other processes)."""
        self._revoked = frozenset(key[-1] for key, _ in await self._store.scan(REVOKED_KIND))

    def verify(self, token: str) -> Principal:
        """The principal of a valid token; Unauthenticated otherwise. Cached per token."""
        principal = self._cache.get(token)
        if principal is None:
            principal = self._verify_signature(token)
            if len(self._cache) >= MAX_CACHED_TOKENS:
                self._cache.clear()
            self._cache[token] = principal
        elif principal.expires_at + LEEWAY_SECONDS <= self._now():
            del self._cache[token]
            raise bad_token("The token has expired.")
        if principal.token_id in self._revoked:
            raise REVOKED_TOKEN
        return principal

    def _verify_signature(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError:
            raise bad_token("The token is not a JWT.") from None
        key_id = header.get("kid")
        public = self._public.get(key_id) if isinstance(key_id, str) else None
        if public is None:
            raise bad_token("The token was not signed by a key this server knows.")
        try:
            claims = jwt.decode(
                token,
                public,
                algorithms=[ALGORITHM],
                audience=AUDIENCE,
                issuer=ISSUER,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "jti", "sub"]},
            )
        except jwt.ExpiredSignatureError:
            raise bad_token("The token has expired.") from None
        except jwt.InvalidTokenError:
            raise bad_token("The token's signature or claims are not valid.") from None
        assert isinstance(key_id, str)
        return principal_from_claims(claims, key_id)


async def bootstrap(data_dir: Path, store: Store) -> tuple[Tokens, Path | None]:
    """The server's tokens; on first start (no keys yet) also the keys and a cluster admin token
    written to `<data dir>/auth/bootstrap-admin.token` (0600), whose path is returned."""
    keyring, created = Keyring.load(data_dir)
    tokens = Tokens(keyring, store)
    await tokens.refresh_revoked()
    path = bootstrap_token_path(data_dir)
    if not created:
        return tokens, path if path.exists() else None
    issued = await tokens.issue(
        tenant=ANY_TENANT,
        scopes=[Scope.ADMIN],
        ttl_seconds=BOOTSTRAP_TTL_SECONDS,
        subject=BOOTSTRAP_SUBJECT,
    )
    write_private(path, issued.token + "\n")
    log.warning("created signing keys and a cluster admin token in %s", path)
    return tokens, path
