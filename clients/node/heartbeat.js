#!/usr/bin/env node
// @ts-check
/*
 * A small rolecall client in Node: registers a client session in a failover group, holds a
 * HeartbeatStream, and prints one line per change of its role ("role PRIMARY epoch 2", with
 * " push" when the server sent it unprompted, " deadline" when it demoted itself). SIGTERM or
 * SIGINT says goodbye first, so the group fails over at once instead of waiting for the timeout.
 *
 * With several endpoints (replicas) it registers at the first that answers and follows
 * NOT_OWNER redirects (trailing metadata x-rolecall-owner) to its group's owner; when its stream
 * ends it reconnects with jittered exponential backoff, and meanwhile acts on its role only until
 * one failover timeout after the last answered heartbeat was sent (then it prints SECONDARY).
 *
 * The service comes from generated/rolecall.pb, the descriptor set scripts/generate.sh writes
 * with protoc; the types this file is checked against (`npm run typecheck`) come from the same
 * script, in generated/ts. LOAD_OPTIONS must match the flags given there to
 * proto-loader-gen-types, or the types describe objects this client never sees.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

/** @typedef {import('../../generated/ts/failover').ProtoGrpcType} FailoverProto */
/** @typedef {import('../../generated/ts/rolecall/failover/v1/ClientFailoverService').ClientFailoverServiceClient} ClientFailoverServiceClient */
/** @typedef {import('../../generated/ts/rolecall/failover/v1/ClientSessionKey').ClientSessionKey} ClientSessionKey */
/** @typedef {import('../../generated/ts/rolecall/failover/v1/HeartbeatStreamRequest').HeartbeatStreamRequest} HeartbeatStreamRequest */
/** @typedef {import('../../generated/ts/rolecall/failover/v1/HeartbeatStreamResponse').HeartbeatStreamResponse__Output} HeartbeatStreamResponse */
/** @typedef {import('../../generated/ts/rolecall/failover/v1/SessionRole').SessionRole__Output} SessionRole */
/** @typedef {import('../../generated/ts/rolecall/failover/v1/ClientRole').ClientRole__Output} ClientRole */
/** @typedef {import('../../generated/ts/google/protobuf/Duration').Duration__Output} Duration */

const DESCRIPTOR_SET = path.join(__dirname, '..', '..', 'generated', 'rolecall.pb');

// Keep in step with the proto-loader-gen-types flags in scripts/generate.sh.
const LOAD_OPTIONS = { keepCase: true, longs: String, enums: Number, defaults: true, oneofs: true };

// The documented names of ClientRole's integers; 0 is Secondary (CLIENT_ROLE_UNSPECIFIED aliases it).
/** @type {Record<ClientRole, string>} */
const ROLE_NAMES = { 0: 'SECONDARY', 1: 'PRIMARY', 2: 'PENDING_PRIMARY' };
const SECONDARY = 0;
const PENDING_PRIMARY = 2;

const USAGE = `usage: node heartbeat.js --target HOST:PORT[,HOST:PORT...] --tenant T --namespace N
                         --group G --session S [--name NAME] [--score X] [--interval-ms N]
                         [--token TOKEN | --token-file FILE] [--tls] [--tls-ca FILE]
                         [--tls-cert FILE --tls-key FILE] [--max-backoff-ms N]

  --target       one endpoint or several (replicas), comma-separated
  --score        health score sent with every heartbeat (higher is healthier; default 1)
  --interval-ms  heartbeat period; default a third of the group's failover timeout
  --token        bearer token (default: $ROLECALL_TOKEN, else the file $ROLECALL_TOKEN_FILE)
  --token-file   file holding the bearer token, read at every call (so it may be rotated)
  --tls          TLS with the system's root certificates; --tls-ca: with these roots (PEM)
  --tls-cert, --tls-key   client certificate and key (PEM) for mTLS
  --max-backoff-ms        cap of the reconnect delay (default 2000)`;

const DEFAULT_INTERVAL_MS = 1000; // until the first answer tells the group's failover timeout
const RPC_DEADLINE_MS = 5_000;
const GOODBYE_GRACE_MS = 2_000;
const BACKOFF_BASE_MS = 100;
const OWNER_HEADER = 'x-rolecall-owner';
const NOT_OWNER = 'NOT_OWNER';

/**
 * @typedef {object} Options
 * @property {string[]} endpoints
 * @property {ClientSessionKey & {tenant_id: string, namespace_id: string, group_id: string, session_id: string}} key
 * @property {string} name
 * @property {number} score
 * @property {number | null} intervalMs
 * @property {number} maxBackoffMs
 * @property {(() => string | null)} token  the bearer token to send now, if any
 * @property {{ca: string | undefined, cert: string | undefined, key: string | undefined} | null} tls
 */

/** @returns {Options} */
function parseOptions() {
  const { values } = parseArgs({
    options: {
      target: { type: 'string' },
      tenant: { type: 'string' },
      namespace: { type: 'string' },
      group: { type: 'string' },
      session: { type: 'string' },
      name: { type: 'string' },
      score: { type: 'string', default: '1' },
      'interval-ms': { type: 'string' },
      token: { type: 'string' },
      'token-file': { type: 'string' },
      tls: { type: 'boolean', default: false },
      'tls-ca': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'max-backoff-ms': { type: 'string', default: '2000' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const { target, tenant, namespace, group, session } = values;
  if (!target || !tenant || !namespace || !group || !session) {
    fail(`missing a required option\n${USAGE}`);
  }
  const endpoints = target.split(',').map((e) => e.trim()).filter((e) => e);
  if (endpoints.length === 0) fail('--target needs at least one HOST:PORT');
  const score = Number(values.score);
  if (!Number.isFinite(score)) fail(`--score must be a number, not ${values.score}`);
  const intervalMs = values['interval-ms'] === undefined ? null : positive('interval-ms', values['interval-ms']);
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) {
    fail('--tls-cert and --tls-key go together');
  }
  const tls = values.tls || values['tls-ca'] || values['tls-cert']
    ? { ca: values['tls-ca'], cert: values['tls-cert'], key: values['tls-key'] }
    : null;
  return {
    endpoints,
    key: { tenant_id: tenant, namespace_id: namespace, group_id: group, session_id: session },
    name: values.name ?? session,
    score,
    intervalMs,
    maxBackoffMs: positive('max-backoff-ms', values['max-backoff-ms'] ?? '2000'),
    token: tokenSource(values.token, values['token-file']),
    tls,
  };
}

/**
 * @param {string} name
 * @param {string} value
 */
function positive(name, value) {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) fail(`--${name} must be a positive integer, not ${value}`);
  return number;
}

/**
 * The token: --token, else --token-file, else $ROLECALL_TOKEN, else the file $ROLECALL_TOKEN_FILE.
 * A file is read at every call, so a rotated token is picked up.
 * @param {string | undefined} token
 * @param {string | undefined} file
 * @returns {() => string | null}
 */
function tokenSource(token, file) {
  if (token === undefined && file === undefined) {
    token = process.env.ROLECALL_TOKEN || undefined;
    if (token === undefined) file = process.env.ROLECALL_TOKEN_FILE || undefined;
  }
  if (token !== undefined) return () => token ?? null;
  if (file !== undefined) {
    const tokenFile = file;
    return () => fs.readFileSync(tokenFile, 'utf8').trim() || null;
  }
  return () => null;
}

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  process.stderr.write(`heartbeat: ${message}\n`);
  process.exit(2);
}

/**
 * Channel credentials: plaintext, or TLS with the token as call credentials (grpc sends those
 * only over TLS; over plaintext `callMetadata` adds the same header to each call).
 * @param {Options} options
 */
function credentialsOf(options) {
  if (options.tls === null) return grpc.credentials.createInsecure();
  /** @param {string | undefined} file */
  const read = (file) => (file === undefined ? null : fs.readFileSync(file));
  const { ca, cert, key } = options.tls;
  const tls = grpc.credentials.createSsl(read(ca), read(key), read(cert));
  const bearer = grpc.credentials.createFromMetadataGenerator((_params, callback) => {
    try {
      callback(null, bearerMetadata(options.token()));
    } catch (error) {
      callback(/** @type {Error} */ (error));
    }
  });
  return grpc.credentials.combineChannelCredentials(tls, bearer);
}

/** @param {string | null} token */
function bearerMetadata(token) {
  const metadata = new grpc.Metadata();
  if (token) metadata.add('authorization', `Bearer ${token}`);
  return metadata;
}

/** @param {Options} options */
function callMetadata(options) {
  return options.tls === null ? bearerMetadata(options.token()) : new grpc.Metadata();
}

/** @returns {ClientFailoverServiceClient} */
function connect(/** @type {string} */ endpoint, /** @type {Options} */ options) {
  const definition = protoLoader.loadFileDescriptorSetFromBuffer(
    fs.readFileSync(DESCRIPTOR_SET),
    LOAD_OPTIONS,
  );
  // The descriptor set holds every rolecall API; the failover part is what ProtoGrpcType types.
  const proto = /** @type {FailoverProto} */ (
    /** @type {unknown} */ (grpc.loadPackageDefinition(definition))
  );
  const Service = proto.rolecall.failover.v1.ClientFailoverService;
  return new Service(endpoint, credentialsOf(options), {
    'grpc.initial_reconnect_backoff_ms': BACKOFF_BASE_MS,
    'grpc.max_reconnect_backoff_ms': Math.max(BACKOFF_BASE_MS, options.maxBackoffMs),
  });
}

/** @param {number} ms */
function deadline(ms) {
  return new Date(Date.now() + ms);
}

/**
 * Adds the client session to its group (or keeps it if it exists).
 * @param {ClientFailoverServiceClient} client
 * @param {Options} options
 * @returns {Promise<void>}
 */
function register(client, options) {
  const { tenant_id, namespace_id, group_id, session_id } = options.key;
  return new Promise((resolve, reject) => {
    client.AddGroupClientSession(
      { tenant_id, namespace_id, group_id, session: { id: session_id, name: options.name } },
      callMetadata(options),
      { deadline: deadline(RPC_DEADLINE_MS) },
      (error) => (error ? reject(error) : resolve()),
    );
  });
}

/**
 * The owner's "host:port" when a replica that does not own the group answered.
 * @param {grpc.Metadata | undefined} metadata
 */
function ownerOf(metadata) {
  const values = metadata ? metadata.get(OWNER_HEADER) : [];
  return values.length > 0 && values[0] ? String(values[0]) : null;
}

/** @param {Duration | null} duration */
function millisOf(duration) {
  if (!duration) return null;
  const ms = Number(duration.seconds) * 1000 + duration.nanos / 1e6;
  return ms > 0 ? ms : null;
}

/**
 * @param {ClientSessionKey | null} a
 * @param {ClientSessionKey} b
 */
function sameSession(a, b) {
  return (
    a !== null &&
    a.tenant_id === b.tenant_id &&
    a.namespace_id === b.namespace_id &&
    a.group_id === b.group_id &&
    a.session_id === b.session_id
  );
}

/** @param {number} failures */
function backoffMs(failures, /** @type {number} */ maxMs) {
  const ceiling = Math.min(maxMs, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 30));
  return ceiling * (0.5 + Math.random() / 2);
}

/** @param {number} ms */
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** @param {grpc.status} code */
function statusName(code) {
  return grpc.status[code] ?? String(code);
}

/** @param {number} ms */
function timestampOf(ms) {
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
}

/**
 * The session's role as this process may act on it, across streams: printed on every change.
 * It is Secondary from one failover timeout after the last answered heartbeat was SENT (the
 * server cannot choose another Primary before then), even while no stream is up.
 */
class RoleState {
  constructor() {
    /** @type {ClientRole | null} */
    this.role = null;
    this.epoch = '0';
    /** @type {string | null} */
    this.refusal = null;
    /** @type {NodeJS.Timeout | undefined} */
    this.deadlineTimer = undefined;
  }

  /**
   * @param {ClientRole} role
   * @param {string} epoch
   * @param {string} cause  '' (an answer), 'push' or 'deadline'
   */
  set(role, epoch, cause) {
    this.epoch = epoch;
    if (role === this.role) return false;
    this.role = role;
    process.stdout.write(`role ${ROLE_NAMES[role]} epoch ${epoch}${cause ? ` ${cause}` : ''}\n`);
    return true;
  }

  /** @param {number} deadlineMs  Date.now() time until which the role may be acted on */
  extend(deadlineMs) {
    clearTimeout(this.deadlineTimer);
    this.deadlineTimer = setTimeout(() => {
      if (this.role !== null && this.role !== SECONDARY) this.set(SECONDARY, this.epoch, 'deadline');
    }, Math.max(0, deadlineMs - Date.now()));
    this.deadlineTimer.unref();
  }
}

/**
 * @typedef {object} StreamEnd
 * @property {boolean} answered  the stream got at least one answer
 * @property {boolean} notOwner  the replica said it does not own the group
 * @property {string | null} owner  who does, when it said
 */

/**
 * One HeartbeatStream: heartbeats at the interval, prints role changes, ends on 'status'.
 * @param {ClientFailoverServiceClient} client
 * @param {Options} options
 * @param {RoleState} state
 * @param {{leave: (() => void) | null}} exits  where SIGTERM finds how to leave this stream
 * @returns {Promise<StreamEnd>}
 */
function runStream(client, options, state, exits) {
  const stream = client.HeartbeatStream(callMetadata(options));
  /** @type {Map<number, number>} sequence -> Date.now() when sent */
  const sentAt = new Map();
  let sequence = 0;
  let intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  let leaving = false;
  /** @type {StreamEnd} */
  const end = { answered: false, notOwner: false, owner: null };

  /** @param {HeartbeatStreamRequest} message */
  function send(message) {
    sequence += 1;
    if (message.heartbeats) sentAt.set(sequence, Date.now());
    stream.write({ ...message, sequence });
  }

  function beat() {
    const heartbeat = { key: options.key, failover_status: options.score, heartbeat_time: timestampOf(Date.now()) };
    send({ heartbeats: [heartbeat] });
  }

  function schedule() {
    clearInterval(timer);
    timer = setInterval(beat, intervalMs);
  }

  /**
   * @param {SessionRole} update
   * @param {boolean} push
   * @param {number | undefined} sent
   */
  function onRole(update, push, sent) {
    if (update.error_reason === NOT_OWNER) {
      end.notOwner = true;
      end.owner = update.owner || null; // empty while the shard moves: register again here
      stream.cancel();
      return;
    }
    if (update.error_reason) {
      if (update.error_reason !== state.refusal) {
        process.stderr.write(`heartbeat: refused: ${update.error_reason}: ${update.error_message}\n`);
      }
      state.refusal = update.error_reason;
      return;
    }
    state.refusal = null;
    const timeoutMs = millisOf(update.failover_timeout);
    if (!push && sent !== undefined && timeoutMs !== null) state.extend(sent + timeoutMs);
    if (options.intervalMs === null && timeoutMs !== null) {
      const next = Math.max(1, Math.floor(timeoutMs / 3));
      if (next !== intervalMs) {
        intervalMs = next;
        schedule();
      }
    }
    const changed = state.set(update.role, update.epoch, push ? 'push' : '');
    // A PendingPrimary becomes Primary on its next heartbeat: acknowledge at once.
    if (changed && update.role === PENDING_PRIMARY && !leaving) beat();
  }

  stream.on('data', (/** @type {HeartbeatStreamResponse} */ response) => {
    end.answered = true;
    const sent = response.push ? undefined : sentAt.get(Number(response.sequence));
    if (!response.push) sentAt.delete(Number(response.sequence));
    for (const update of response.roles) {
      if (sameSession(update.key, options.key)) onRole(update, response.push, sent);
    }
  });
  // Every end of the call, clean or not, comes as one 'status' (after 'error' when it failed).
  stream.on('error', () => {});

  exits.leave = () => {
    leaving = true;
    clearInterval(timer);
    send({ goodbyes: [options.key] });
    stream.end(); // the server answers the goodbye, then ends the call: 'status' exits
    setTimeout(() => process.exit(0), GOODBYE_GRACE_MS).unref();
  };

  beat();
  schedule();
  return new Promise((resolve) => {
    stream.on('status', (/** @type {grpc.StatusObject} */ status) => {
      clearInterval(timer);
      exits.leave = null;
      if (leaving) process.exit(0);
      end.owner = end.owner ?? ownerOf(status.metadata);
      if (!end.notOwner) {
        process.stderr.write(`heartbeat: stream ended: ${statusName(status.code)} ${status.details}\n`);
      }
      resolve(end);
    });
  });
}

/**
 * Registers, streams, and starts again where the group is served, for as long as it runs.
 * @param {Options} options
 */
async function main(options) {
  const state = new RoleState();
  /** @type {{leave: (() => void) | null}} */
  const exits = { leave: null };
  const onSignal = () => (exits.leave ? exits.leave() : process.exit(0));
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const { endpoints } = options;
  let endpoint = endpoints[0];
  let failures = 0;
  /** @type {Map<string, ClientFailoverServiceClient>} */
  const clients = new Map();
  for (;;) {
    const client = clients.get(endpoint) ?? connect(endpoint, options);
    clients.set(endpoint, client);
    const next = await registerAt(client, options, endpoint);
    if (next === endpoint) {
      const end = await runStream(client, options, state, exits);
      if (end.answered) failures = 0;
      if (end.owner || end.notOwner) {
        endpoint = end.owner ?? endpoint;
        continue; // a redirect: no delay
      }
      if (!end.answered) endpoint = nextEndpoint(endpoints, endpoint);
    } else if (next !== null) {
      endpoint = next;
      if (failures === 0) continue; // the first redirect goes at once; a loop backs off
    } else {
      endpoint = nextEndpoint(endpoints, endpoint);
    }
    failures += 1;
    await sleep(backoffMs(failures, options.maxBackoffMs));
  }
}

/**
 * Registers at `endpoint`: answers `endpoint` when it took the session, the owner it named,
 * or null when it did not answer. Any other refusal ends the process (exit 1).
 * @param {ClientFailoverServiceClient} client
 * @param {Options} options
 * @param {string} endpoint
 */
async function registerAt(client, options, endpoint) {
  try {
    await register(client, options);
    return endpoint;
  } catch (caught) {
    const error = /** @type {grpc.ServiceError} */ (caught);
    const owner = ownerOf(error.metadata);
    if (owner !== null) return owner;
    if (error.code === grpc.status.UNAVAILABLE || error.code === grpc.status.DEADLINE_EXCEEDED) {
      process.stderr.write(`heartbeat: ${endpoint}: ${statusName(error.code)} ${error.details}\n`);
      return null;
    }
    process.stderr.write(`heartbeat: AddGroupClientSession failed: ${statusName(error.code)} ${error.details}\n`);
    process.exit(1);
  }
}

/**
 * @param {string[]} endpoints
 * @param {string} endpoint
 */
function nextEndpoint(endpoints, endpoint) {
  const index = endpoints.indexOf(endpoint);
  return index < 0 ? endpoints[0] : endpoints[(index + 1) % endpoints.length];
}

main(parseOptions());
