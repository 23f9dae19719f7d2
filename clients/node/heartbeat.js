#!/usr/bin/env node
// @ts-check
/*
 * A small rolecall client in Node: registers a client session in a failover group, holds a
 * HeartbeatStream, and prints one line per change of its role ("role PRIMARY epoch 2", with
 * " push" when the server sent it unprompted). SIGTERM or SIGINT says goodbye first, so the
 * group fails over at once instead of waiting for the failover timeout.
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
const PENDING_PRIMARY = 2;

const USAGE = `usage: node heartbeat.js --target HOST:PORT --tenant T --namespace N --group G --session S
                         [--name NAME] [--score X] [--interval-ms N]

  --score        health score sent with every heartbeat (higher is healthier; default 1)
  --interval-ms  heartbeat period; default a third of the group's failover timeout`;

const DEFAULT_INTERVAL_MS = 1000; // until the first answer tells the group's failover timeout
const RPC_DEADLINE_MS = 10_000;
const GOODBYE_GRACE_MS = 2_000;

/**
 * @typedef {object} Options
 * @property {string} target
 * @property {ClientSessionKey & {tenant_id: string, namespace_id: string, group_id: string, session_id: string}} key
 * @property {string} name
 * @property {number} score
 * @property {number | null} intervalMs
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
  const score = Number(values.score);
  if (!Number.isFinite(score)) fail(`--score must be a number, not ${values.score}`);
  let intervalMs = null;
  if (values['interval-ms'] !== undefined) {
    intervalMs = Number(values['interval-ms']);
    if (!Number.isInteger(intervalMs) || intervalMs <= 0) {
      fail(`--interval-ms must be a positive integer, not ${values['interval-ms']}`);
    }
  }
  return {
    target,
    key: { tenant_id: tenant, namespace_id: namespace, group_id: group, session_id: session },
    name: values.name ?? session,
    score,
    intervalMs,
  };
}

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  process.stderr.write(`heartbeat: ${message}\n`);
  process.exit(2);
}

/** @returns {ClientFailoverServiceClient} */
function connect(/** @type {string} */ target) {
  const definition = protoLoader.loadFileDescriptorSetFromBuffer(
    fs.readFileSync(DESCRIPTOR_SET),
    LOAD_OPTIONS,
  );
  // The descriptor set holds every rolecall API; the failover part is what ProtoGrpcType types.
  const proto = /** @type {FailoverProto} */ (
    /** @type {unknown} */ (grpc.loadPackageDefinition(definition))
  );
  const Service = proto.rolecall.failover.v1.ClientFailoverService;
  return new Service(target, grpc.credentials.createInsecure());
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
      { deadline: deadline(RPC_DEADLINE_MS) },
      (error) => (error ? reject(error) : resolve()),
    );
  });
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

/**
 * Holds the HeartbeatStream of one client session and prints its role changes.
 * @param {ClientFailoverServiceClient} client
 * @param {Options} options
 */
function run(client, options) {
  const stream = client.HeartbeatStream();
  let sequence = 0;
  /** @type {ClientRole | null} */
  let role = null;
  /** @type {string | null} */
  let refusal = null;
  let intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  let leaving = false;

  /** @param {HeartbeatStreamRequest} message */
  function send(message) {
    sequence += 1;
    stream.write({ ...message, sequence });
  }

  function beat() {
    send({
      heartbeats: [
        {
          key: options.key,
          failover_status: options.score,
          heartbeat_time: timestampOf(Date.now()),
        },
      ],
    });
  }

  function schedule() {
    clearInterval(timer);
    timer = setInterval(beat, intervalMs);
  }

  /**
   * @param {SessionRole} update
   * @param {boolean} push
   */
  function onRole(update, push) {
    if (update.error_reason) {
      if (update.error_reason !== refusal) {
        process.stderr.write(`heartbeat: refused: ${update.error_reason}: ${update.error_message}\n`);
      }
      refusal = update.error_reason;
      return;
    }
    refusal = null;
    const suggested = millisOf(update.failover_timeout);
    if (options.intervalMs === null && suggested !== null) {
      const next = Math.max(1, Math.floor(suggested / 3));
      if (next !== intervalMs) {
        intervalMs = next;
        schedule();
      }
    }
    if (update.role === role) return;
    role = update.role;
    process.stdout.write(`role ${ROLE_NAMES[role]} epoch ${update.epoch}${push ? ' push' : ''}\n`);
    // A PendingPrimary becomes Primary on its next heartbeat: acknowledge at once.
    if (role === PENDING_PRIMARY && !leaving) beat();
  }

  stream.on('data', (/** @type {HeartbeatStreamResponse} */ response) => {
    for (const update of response.roles) {
      if (sameSession(update.key, options.key)) onRole(update, response.push);
    }
  });
  // Every end of the call, clean or not, comes as one 'status' (after 'error' when it failed).
  stream.on('error', () => {});
  stream.on('status', (/** @type {grpc.StatusObject} */ status) => {
    clearInterval(timer);
    client.close();
    if (leaving) process.exit(0);
    // The server ended the call (shutting down or failing): never go on acting on a role it
    // can no longer confirm. A supervisor restarts us; the group fails over meanwhile.
    process.stderr.write(`heartbeat: stream ended: ${statusName(status.code)} ${status.details}\n`);
    process.exit(1);
  });

  function leave() {
    if (leaving) return;
    leaving = true;
    clearInterval(timer);
    send({ goodbyes: [options.key] });
    stream.end(); // the server answers the goodbye, then ends the call: 'status' exits
    setTimeout(() => process.exit(0), GOODBYE_GRACE_MS).unref();
  }
  process.on('SIGTERM', leave);
  process.on('SIGINT', leave);

  beat();
  schedule();
}

/** @param {grpc.status} code */
function statusName(code) {
  return grpc.status[code] ?? String(code);
}

/** @param {number} ms */
function timestampOf(ms) {
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
}

async function main() {
  const options = parseOptions();
  const client = connect(options.target);
  try {
    await register(client, options);
  } catch (error) {
    const { code, details } = /** @type {grpc.ServiceError} */ (error);
    process.stderr.write(`heartbeat: AddGroupClientSession failed: ${statusName(code)} ${details}\n`);
    client.close();
    process.exit(1);
  }
  run(client, options);
}

main();
