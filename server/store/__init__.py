"""Storage behind one interface; `open_store` is the only place that picks a backend."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from server.store.base import Document, FencedOut, Key, Store, StoreUnavailable, Write
from server.store.sqlite import SqliteStore

__all__ = ["Document", "FencedOut", "Key", "Store", "StoreUnavailable", "Write", "open_store"]


async def open_store(
    data_dir: Path,
    url: str | None = None,
    *,
    etcd_ca: Path | None = None,
    etcd_cert: Path | None = None,
    etcd_key: Path | None = None,
    etcd_user: str | None = None,
    etcd_password: str | None = None,
) -> Store:
    """The embedded SQLite store under `data_dir`, or etcd if `url` is `etcd://...` (or
    `etcds://...`: TLS)."""
    if url is not None and url.startswith(("etcd://", "etcds://")):
        from server.store.etcd import EtcdStore, parse_etcd_url

        settings = parse_etcd_url(url)
        if etcd_user is not None and ":" in etcd_user and etcd_password is None:
            etcd_user, _, etcd_password = etcd_user.partition(":")  # etcdctl's --user form
        settings = replace(
            settings,
            ca_file=etcd_ca,
            cert_file=etcd_cert,
            key_file=etcd_key,
            tls=settings.tls or etcd_ca is not None or etcd_cert is not None,
            user=etcd_user if etcd_user is not None else settings.user,
            password=etcd_password if etcd_password is not None else settings.password,
        )
        etcd_store = EtcdStore(settings)
        await etcd_store.open()
        return etcd_store
    if url is not None and not url.startswith("sqlite:"):
        raise ValueError(
            f"unknown store URL {url!r}: use etcd://host:port,... (etcds://: TLS) or leave it out"
        )
    store = SqliteStore(data_dir / "rolecall.sqlite3")
    await store.open()
    return store
