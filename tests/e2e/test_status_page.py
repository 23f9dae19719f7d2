"""The status page in a real headless Chromium (Debian's chromium + chromium-driver, driven by
selenium), served by a real `rolecall serve` through Envoy.

The test makes a failover happen (the Primary's client session is deleted: the best live
secondary becomes PendingPrimary at once, then Primary on its next heartbeat) and watches the
open page follow it without a reload. It leaves a screenshot and the observed delays in
test-artifacts/ (the delays are figures, not asserted: the machine is noisy).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rolecall.failover.v1 import failover_pb2, failover_pb2_grpc
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from server.domain.auth import Scope
from tests.harness import RolecallProcess, issue_token

pytestmark = pytest.mark.e2e

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
# What Chromium needs here: no sandbox as root, and no background traffic to the outside
# (the machine has no network but loopback; blocked connections slow every start).
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--window-size=1280,900",
)
TENANT, NAMESPACE, GROUP = "acme", "plant1", "line1"
GROUP_SELECTOR = f'[data-group="{TENANT}/{NAMESPACE}/{GROUP}"]'
# Generous: the page polls every 500 ms, but the CI machine is shared and noisy.
WAIT_SECONDS = 15


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail("chromium and chromedriver are missing: run `make browser`")
    profile = tempfile.mkdtemp(prefix="rolecall-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    # An explicit driver path: selenium must not look for (or download) one itself.
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


class Rest:
    def __init__(self, base: str, headers: dict[str, str]) -> None:
        self.client = httpx.Client(base_url=base, headers=headers, timeout=10)
        self.groups = f"/api/v1/tenants/{TENANT}/namespaces/{NAMESPACE}/clientfailover/groups"
        self.sessions = (
            f"/api/v1-preview/tenants/{TENANT}/namespaces/{NAMESPACE}/clientfailover/groups/"
            f"{GROUP}/clientsessions"
        )

    def heartbeat(self, session: str, score: float) -> int:
        answer = self.client.post(
            f"{self.groups}/{GROUP}/clientsessions/{session}", json={"PercentHealthyStreams": score}
        )
        assert answer.status_code == 200, answer.text
        return int(answer.json()["Role"])


def group_state(driver: WebDriver) -> dict[str, str] | None:
    """The group's Primary, PendingPrimary and epoch as the page shows them now."""
    try:
        found = driver.find_elements(By.CSS_SELECTOR, GROUP_SELECTOR)
        if not found:
            return None
        node = found[0]
        roles = {
            row.get_attribute("data-session") or "": row.get_attribute("data-role") or ""
            for row in node.find_elements(By.CSS_SELECTOR, "tr[data-session]")
        }
        return {
            "primary": node.get_attribute("data-primary") or "",
            "pending": node.get_attribute("data-pending") or "",
            "epoch": node.get_attribute("data-epoch") or "",
            **{f"role:{k}": v for k, v in roles.items()},
        }
    except StaleElementReferenceException:  # redrawn between two reads: ask again
        return None


def wait_for_state(driver: WebDriver, **expected: str) -> float:
    """Wait until the page shows `expected`; answers how long it took."""
    started = time.monotonic()

    def shown(d: WebDriver) -> bool:
        state = group_state(d)
        return state is not None and all(state.get(k) == v for k, v in expected.items())

    WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.05).until(
        shown, message=f"the page never showed {expected}; last seen {group_state(driver)}"
    )
    return time.monotonic() - started


def test_status_page_follows_a_failover_without_reload(
    rolecall: RolecallProcess, browser: WebDriver
) -> None:
    rest = Rest(rolecall.http_base, rolecall.headers)
    with rest.client:
        run_failover(rolecall, rest, browser)


def run_failover(rolecall: RolecallProcess, rest: Rest, browser: WebDriver) -> None:
    created = rest.client.post(
        rest.groups, json={"Id": GROUP, "Name": "Line 1", "FailoverTimeout": "00:00:30"}
    )
    assert created.status_code == 200, created.text
    for session in ("node-a", "node-b"):
        added = rest.client.post(rest.sessions, json={"Id": session, "Name": session.upper()})
        assert added.status_code == 201, added.text
    # Alone in its group: PendingPrimary on the first answer, Primary on the next heartbeat.
    assert rest.heartbeat("node-a", 100) == 2
    assert rest.heartbeat("node-a", 100) == 1
    assert rest.heartbeat("node-b", 80) == 0
    # A watcher, so the page has a live stream to count.
    with rolecall.channel() as ch:
        watch = failover_pb2_grpc.ClientFailoverServiceStub(ch).WatchGroup(
            failover_pb2.WatchGroupRequest(tenant_id=TENANT, namespace_id=NAMESPACE, group_id=GROUP)
        )
        next(watch)
        try:
            browser.get(rolecall.http_base + "/status")
            assert browser.title == "rolecall status"
            # Auth is on: the page shows nothing until it is given the token the API takes.
            # The page redraws these elements: one found just before a redraw is stale.
            redrawn = (StaleElementReferenceException,)
            WebDriverWait(browser, WAIT_SECONDS, ignored_exceptions=redrawn).until(
                lambda d: (
                    d.find_element(By.ID, "connection").get_attribute("data-state")
                    == "unauthorized"
                )
            )
            browser.find_element(By.ID, "token").send_keys(rolecall.token)
            browser.find_element(By.CSS_SELECTOR, "#token-form button").click()
            wait_for_state(browser, primary="node-a", pending="", epoch="1", **{"role:node-b": "0"})
            WebDriverWait(browser, WAIT_SECONDS, ignored_exceptions=redrawn).until(
                lambda d: d.find_element(By.ID, "count-WatchGroup").text.startswith("1")
            )
            # Marks this document: a reload would lose it.
            browser.execute_script("window.rolecallNoReload = 'same page';")

            deleted = rest.client.delete(f"{rest.sessions}/node-a")
            assert deleted.status_code == 204, deleted.text
            to_pending = wait_for_state(
                browser, primary="", pending="node-b", **{"role:node-b": "2"}
            )
            # The PendingPrimary is told so on its next answer, and is Primary on the one after.
            assert [rest.heartbeat("node-b", 80) for _ in range(2)] == [2, 1]
            to_primary = wait_for_state(
                browser, primary="node-b", pending="", epoch="2", **{"role:node-b": "1"}
            )
            assert browser.execute_script("return window.rolecallNoReload") == "same page"
        finally:
            ARTIFACTS.mkdir(exist_ok=True)
            browser.save_screenshot(str(ARTIFACTS / "status-page.png"))
            watch.cancel()
    (ARTIFACTS / "status-page.json").write_text(
        json.dumps(
            {"seconds_to_show_pending_primary": to_pending, "seconds_to_show_primary": to_primary},
            indent=2,
        )
        + "\n"
    )


def test_status_page_assets_and_snapshot(rolecall: RolecallProcess) -> None:
    with httpx.Client(base_url=rolecall.http_base, timeout=10) as client:
        page = client.get("/status")
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        script = client.get("/status/assets/status.js")
        assert script.status_code == 200
        assert script.headers["content-type"].startswith("text/javascript")
        assert client.get("/status/assets/status.css").status_code == 200
        # A path outside the bindings: Envoy's token check refuses it first (401), and with a
        # token no operation matches (404); never a file of the server.
        unknown = client.get("/status/assets/../app.py", headers=rolecall.headers)
        assert unknown.status_code == 404
        missing = client.get("/status/assets/nope.js")
        assert missing.status_code == 404
        assert missing.json()["Reason"] == "ASSET_NOT_FOUND"
        # The page and its assets are public; the snapshot needs the API's token.
        assert client.get("/status/snapshot").status_code == 401
        auth = rolecall.headers
        snapshot = client.get("/status/snapshot", params={"tenant_id": "nobody"}, headers=auth)
        assert snapshot.status_code == 200
        assert snapshot.json()["namespaces"] == []
        bad = client.get("/status/snapshot", params={"tenant_id": "a/b"}, headers=auth)
        assert bad.status_code == 400
        assert bad.json()["Reason"] == "INVALID_ID"


def test_a_tenant_token_sees_its_own_tenant(rolecall: RolecallProcess) -> None:
    with httpx.Client(base_url=rolecall.http_base, timeout=10) as client:
        for tenant in ("acme", "globex"):
            put = client.put(
                f"/api/v1/tenants/{tenant}/namespaces/edge/clientfailover/groups/gw",
                json={"FailoverTimeout": "00:00:10"},
                headers=rolecall.headers,
            )
            assert put.status_code == 200, put.text
        read = issue_token(rolecall.data_dir, "globex", Scope.FAILOVER_READ)
        globex = {"authorization": f"Bearer {read}"}
        # A tenant's token names its tenant (the page fills it from the token's claims).
        assert client.get("/status/snapshot", headers=globex).status_code == 403
        mine = client.get("/status/snapshot", params={"tenant_id": "globex"}, headers=globex)
        assert mine.status_code == 200, mine.text
        assert {ns["tenantId"] for ns in mine.json()["namespaces"]} == {"globex"}
        other = client.get("/status/snapshot", params={"tenant_id": "acme"}, headers=globex)
        assert other.status_code == 403
        assert other.json()["Reason"] == "WRONG_TENANT"
        agent_token = issue_token(rolecall.data_dir, "globex", Scope.FAILOVER_AGENT)
        agent = {"authorization": f"Bearer {agent_token}"}
        answer = client.get("/status/snapshot", params={"tenant_id": "globex"}, headers=agent)
        assert answer.status_code == 403


def test_the_page_with_a_tenant_token_shows_that_tenant(
    rolecall: RolecallProcess, browser: WebDriver
) -> None:
    for tenant in ("acme", "globex"):
        put = httpx.put(
            f"{rolecall.http_base}/api/v1/tenants/{tenant}/namespaces/edge/clientfailover/groups/gw",
            json={"FailoverTimeout": "00:00:10"},
            headers=rolecall.headers,
            timeout=10,
        )
        assert put.status_code == 200, put.text
    browser.get(rolecall.http_base + "/status")
    token = browser.find_element(By.ID, "token")
    token.clear()
    token.send_keys(issue_token(rolecall.data_dir, "globex", Scope.FAILOVER_READ))
    browser.find_element(By.CSS_SELECTOR, "#token-form button").click()

    def namespaces(d: WebDriver) -> set[str] | None:
        try:
            found = d.find_elements(By.CSS_SELECTOR, "[data-namespace]")
            return {n.get_attribute("data-namespace") or "" for n in found} or None
        except StaleElementReferenceException:
            return None

    WebDriverWait(browser, WAIT_SECONDS, poll_frequency=0.05).until(
        lambda d: namespaces(d) == {"globex/edge"},
        message="the page never showed only the token's tenant",
    )
