// rolecall status page: polls GET /status/snapshot twice a second and redraws the view.
// Everything from the server is written with textContent, never as HTML.
"use strict";

const POLL_MS = 500;
const ROLE_NAMES = { 0: "Secondary", 1: "Primary", 2: "PendingPrimary" };
const TOKEN_KEY = "rolecall.status.token";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name === "className") node.className = value;
    else node.setAttribute(name, String(value));
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function seconds(value) {
  if (value === undefined || value === null) return "never";
  return value < 10 ? `${value.toFixed(1)} s` : `${Math.round(value)} s`;
}

// The token's tenant and namespace claims (its payload is not secret; the server checks the
// signature). A tenant's token may only ask for its own tenant, so the page asks for that.
function tokenClaims(token) {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(payload));
  } catch (error) {
    return {};
  }
}

function snapshotUrl(token) {
  // /status?tenant=acme&namespace=plant1 narrows the view; an admin token sees every tenant.
  const page = new URLSearchParams(window.location.search);
  const claims = token ? tokenClaims(token) : {};
  const ownTenant = claims.tenant && claims.tenant !== "*" ? claims.tenant : "";
  const tenant = page.get("tenant") || ownTenant;
  const namespace = page.get("namespace") || (ownTenant ? claims.namespace || "" : "");
  const query = new URLSearchParams();
  if (tenant) query.set("tenant_id", tenant);
  if (namespace) query.set("namespace_id", namespace);
  const text = query.toString();
  return "/status/snapshot" + (text ? "?" + text : "");
}

function setConnection(state, text) {
  const node = document.getElementById("connection");
  node.dataset.state = state;
  node.textContent = text;
}

function card(label, value, id) {
  return el("div", { className: "card", id }, el("b", {}, value), el("span", {}, label));
}

function renderSummary(snapshot) {
  const streams = snapshot.streams || [];
  const groups = (snapshot.namespaces || []).reduce((n, ns) => n + ns.groups.length, 0);
  const cards = [
    card("failover groups", groups, "count-groups"),
    ...streams.map((s) => card(`${s.service} streams`, s.count, `count-${s.service}`)),
    card("client sessions on streams", snapshot.streamedClientSessions || 0, "count-streamed"),
    card("TTL sessions", snapshot.ttlSessionCount || 0, "count-ttl"),
  ];
  if (!streams.length) cards.splice(1, 0, card("open streams", 0, "count-streams"));
  document.getElementById("summary").replaceChildren(...cards);
}

function clientRow(group, client) {
  const role = client.role || 0;
  return el(
    "tr",
    { "data-session": client.sessionId, "data-role": role, "data-live": Boolean(client.live) },
    el("td", {}, client.sessionId),
    el("td", {}, client.name || ""),
    el("td", {}, el("span", { className: `role role-${role}` }, ROLE_NAMES[role] || role)),
    el("td", {}, seconds(client.heartbeatAgeSeconds)),
    el("td", {}, client.score ?? 0),
    el("td", {}, client.live ? "live" : "silent"),
  );
}

function groupSection(ns, group) {
  const primary = group.primarySessionId || "";
  const pending = group.pendingPrimarySessionId || "";
  const header = el(
    "h3",
    {},
    el("span", {}, group.groupId),
    el("span", { className: "meta" }, `epoch ${group.epoch || 0}`),
    el("span", { className: "meta primary" }, `Primary: ${primary || "none"}`),
    el("span", { className: "meta pending" }, `PendingPrimary: ${pending || "none"}`),
    el("span", { className: "meta" }, `timeout ${seconds(group.failoverTimeoutSeconds)}`),
  );
  const rows = (group.clients || []).map((c) => clientRow(group, c));
  const table = rows.length
    ? el(
        "table",
        {},
        el(
          "thead",
          {},
          el("tr", {}, ...["client", "name", "role", "last heartbeat", "score", "state"].map((h) => el("th", {}, h))),
        ),
        el("tbody", {}, ...rows),
      )
    : el("p", { className: "empty" }, "no client sessions");
  return el(
    "div",
    {
      className: "group",
      "data-group": `${ns.tenantId}/${ns.namespaceId}/${group.groupId}`,
      "data-primary": primary,
      "data-pending": pending,
      "data-epoch": group.epoch || 0,
    },
    header,
    table,
  );
}

function renderNamespaces(snapshot) {
  const sections = (snapshot.namespaces || []).map((ns) =>
    el(
      "section",
      { className: "namespace", "data-namespace": `${ns.tenantId}/${ns.namespaceId}` },
      el("h2", {}, `tenant ${ns.tenantId} · namespace ${ns.namespaceId}`),
      ...ns.groups.map((g) => groupSection(ns, g)),
    ),
  );
  if (!sections.length) sections.push(el("p", { className: "empty" }, "no failover groups"));
  document.getElementById("namespaces").replaceChildren(...sections);
}

function renderTtl(snapshot) {
  const sessions = snapshot.ttlSessions || [];
  const now = Date.parse(snapshot.snapshotTime);
  const body = sessions.length
    ? el(
        "table",
        {},
        el("thead", {}, el("tr", {}, ...["tenant", "session", "expires in", "timeout"].map((h) => el("th", {}, h)))),
        el(
          "tbody",
          {},
          ...sessions.map((s) =>
            el(
              "tr",
              { "data-ttl-session": s.sessionId },
              el("td", {}, s.tenantId),
              el("td", {}, s.sessionId),
              el("td", {}, seconds((Date.parse(s.expireTime) - now) / 1000)),
              el("td", {}, seconds(s.timeoutSeconds)),
            ),
          ),
        ),
      )
    : el("p", { className: "empty" }, "no TTL sessions");
  document.getElementById("ttl").replaceChildren(el("h2", {}, `TTL sessions (${snapshot.ttlSessionCount || 0})`), body);
}

async function poll() {
  const headers = { Accept: "application/json" };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    const response = await fetch(snapshotUrl(token), { headers, cache: "no-store" });
    if (response.status === 401) {
      setConnection("unauthorized", "token needed");
      return;
    }
    if (response.status === 403) {
      setConnection("unauthorized", "token not allowed here");
      return;
    }
    if (!response.ok) {
      setConnection("error", `error ${response.status}`);
      return;
    }
    const snapshot = await response.json();
    renderSummary(snapshot);
    renderNamespaces(snapshot);
    renderTtl(snapshot);
    setConnection("live", "live");
    document.getElementById("updated").textContent = `updated ${new Date(snapshot.snapshotTime).toLocaleTimeString()}`;
  } catch (error) {
    setConnection("error", "server unreachable");
  }
}

async function loop() {
  for (;;) {
    await poll();
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

document.getElementById("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const value = document.getElementById("token").value.trim();
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
  poll();
});

loop();
