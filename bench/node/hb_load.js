'use strict';
// Load generator for rolecall's benchmarks (bench/), on @grpc/grpc-js: about half the CPU per
// message of a Python grpc.aio client, which matters with two cores.
//
// Reads one JSON config line on stdin and prints JSON lines on stdout: {"event":"ready"} once
// every stream is open; then it waits for a line "go" on stdin (so that several loader processes
// measure the same window), prints {"event":"measuring"} when the measured window starts,
// {"event":"measured"} when it ends, and one {"event":"result", ...} at the end. The same protocol as bench/hb_load.py (the Python loader);
// bench/loaders.py documents the config and the result.
//
// Requests arrive pre-encoded (hex, from the Python stubs): no protobuf code here. For streams
// the loader appends the `sequence` field (3, varint) to each message; answers are read only at
// the top level (sequence = field 2, push = field 3).

const readline = require('node:readline');
const grpc = require('@grpc/grpc-js');

const SEQUENCE_TAG = 0x18; // field 3, varint
const TARGET_PREFIX = '127.0.0.1:';

function now() {
  return Number(process.hrtime.bigint()) / 1e6; // milliseconds, CLOCK_MONOTONIC
}

function emit(event) {
  process.stdout.write(JSON.stringify(event) + '\n');
}

function varint(value) {
  const bytes = [];
  while (value > 127) {
    bytes.push((value % 128) | 128);
    value = Math.floor(value / 128);
  }
  bytes.push(value);
  return Buffer.from(bytes);
}

function withSequence(message, sequence) {
  return Buffer.concat([message, Buffer.from([SEQUENCE_TAG]), varint(sequence)]);
}

// A one-heartbeat HeartbeatStreamRequest (field 1, its SessionHeartbeat) with heartbeat_time
// (3) set to now, by the wall clock, as agents send it: the server measures from it how long
// heartbeats wait in its queues. A field that comes again in a message overrides the first.
const HEARTBEATS_TAG = 0x0a;
const HEARTBEAT_TIME_TAG = 0x1a;

function stampedNow(message) {
  let pos = 1;
  let length = 0;
  let shift = 1;
  while (message[pos] & 128) {
    length += (message[pos++] & 127) * shift;
    shift *= 128;
  }
  length += message[pos++] * shift;
  const wall = Date.now();
  const time = Buffer.concat([
    Buffer.from([0x08]), varint(Math.floor(wall / 1000)),
    Buffer.from([0x10]), varint((wall % 1000) * 1e6),
  ]);
  const stamp = Buffer.concat([Buffer.from([HEARTBEAT_TIME_TAG, time.length]), time]);
  return Buffer.concat([
    Buffer.from([HEARTBEATS_TAG]), varint(length + stamp.length),
    message.subarray(pos, pos + length), stamp, message.subarray(pos + length),
  ]);
}

// The top-level `sequence` (2) and `push` (3) fields of a HeartbeatStreamResponse.
function readAnswer(buf) {
  let pos = 0;
  let sequence = 0;
  let push = false;
  const readVarint = () => {
    let result = 0;
    let scale = 1;
    for (;;) {
      const byte = buf[pos++];
      result += (byte & 127) * scale;
      if (byte < 128) return result;
      scale *= 128;
    }
  };
  while (pos < buf.length) {
    const tag = readVarint();
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 0) {
      const value = readVarint();
      if (field === 2) sequence = value;
      else if (field === 3) push = value !== 0;
    } else if (wire === 2) {
      const length = readVarint(); // read first: `pos += readVarint()` would add to the old pos
      pos += length;
    } else if (wire === 1) {
      pos += 8;
    } else if (wire === 5) {
      pos += 4;
    } else {
      throw new Error(`unexpected wire type ${wire}`);
    }
  }
  return { sequence, push };
}

// Round trips in ms, kept to 3 significant digits: mergeable across processes and small.
class Histogram {
  constructor() {
    this.counts = new Map();
  }
  add(ms) {
    const key = ms <= 0 ? 0 : Number(ms.toPrecision(3));
    this.counts.set(key, (this.counts.get(key) || 0) + 1);
  }
  toJSON() {
    return Array.from(this.counts.entries());
  }
}

function cpuSeconds(usage) {
  return (usage.user + usage.system) / 1e6;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

function makeClients(target, count) {
  const clients = [];
  for (let i = 0; i < count; i++) {
    clients.push(
      new grpc.Client(target, grpc.credentials.createInsecure(), {
        // One TCP connection per client, as separate agents would have.
        'grpc.use_local_subchannel_pool': 1,
        'grpc.max_receive_message_length': 16 * 1024 * 1024,
      }),
    );
  }
  return clients;
}

const identity = (b) => b;

// A measured window: what happened inside [start, end) counts.
class Window {
  constructor() {
    this.start = Infinity;
    this.end = Infinity;
    this.answered = 0;
    this.sent = 0;
    this.rtt = new Histogram();
    this.cpuStart = null;
    this.cpu = 0;
  }
  open() {
    this.start = now();
    this.cpuStart = process.cpuUsage();
  }
  close() {
    this.end = now();
    this.cpu = cpuSeconds(process.cpuUsage(this.cpuStart));
  }
  inside(t) {
    return t >= this.start && t < this.end;
  }
}

// One stream, `window` messages in flight, messages taken in turn.
async function pipelined(config, go) {
  const messages = config.messages.map((hex) => Buffer.from(hex, 'hex'));
  const [client] = makeClients(config.target, 1);
  const call = client.makeBidiStreamRequest(config.method, identity, identity);
  const win = new Window();
  const inFlight = [];
  let sequence = 0;
  let sending = true;
  let failures = 0;
  let unmatched = 0;
  let finished;
  const done = new Promise((resolve) => (finished = resolve));

  const pump = () => {
    while (sending && inFlight.length < config.window) {
      sequence += 1;
      const sentAt = now();
      inFlight.push([sequence, sentAt]);
      if (win.inside(sentAt)) win.sent += 1;
      call.write(withSequence(messages[sequence % messages.length], sequence));
    }
  };
  call.on('data', (buf) => {
    const t = now();
    const answer = readAnswer(buf);
    if (answer.push) return;
    const head = inFlight.shift();
    if (head === undefined || head[0] !== answer.sequence) unmatched += 1;
    if (head !== undefined && win.inside(t)) {
      win.answered += 1;
      win.rtt.add(t - head[1]);
    }
    pump();
  });
  call.on('error', () => (failures += 1));
  call.on('status', () => finished());
  emit({ event: 'ready', opened: 1 });
  await go();
  pump();
  await sleep(config.warmup * 1000);
  win.open();
  emit({ event: 'measuring' });
  await sleep(config.seconds * 1000);
  win.close();
  emit({ event: 'measured' });
  sending = false;
  call.end();
  await Promise.race([done, sleep(config.drain * 1000)]);
  client.close();
  return {
    streams: 1,
    opened: 1,
    sent: win.sent,
    answered: win.answered,
    lost: 0,
    stream_failures: failures,
    unmatched,
    window_s: (win.end - win.start) / 1000,
    cpu_s: win.cpu,
    rtt: win.rtt.toJSON(),
    send_lag: new Histogram().toJSON(),
  };
}

// One stream per message, each sending at `rate_hz` with a random phase; streams are opened
// over `ramp` seconds, `streams_per_connection` to a TCP connection.
async function paced(config, go) {
  const messages = config.messages.map((hex) => Buffer.from(hex, 'hex'));
  const n = messages.length;
  const perConnection = Math.max(1, config.streams_per_connection);
  const clients = makeClients(config.target, Math.ceil(n / perConnection));
  const period = 1000 / config.rate_hz;
  const win = new Window();
  const sendLag = new Histogram();
  const streams = [];
  let opened = 0;
  let failures = 0;
  let openFailures = 0;
  let unmatched = 0;
  let ended = 0;
  const failureCodes = {};

  const openStream = (i) => {
    const stream = { call: null, message: messages[i], sequence: 0, inFlight: [], alive: true, open: false };
    const call = clients[Math.floor(i / perConnection)].makeBidiStreamRequest(
      config.method,
      identity,
      identity,
    );
    stream.call = call;
    call.on('data', (buf) => {
      const t = now();
      const answer = readAnswer(buf);
      if (answer.push) return;
      if (!stream.open) {
        stream.open = true;
        opened += 1;
      }
      const head = stream.inFlight.shift();
      if (head === undefined || head[0] !== answer.sequence) {
        unmatched += 1;
        return;
      }
      if (win.inside(t)) win.answered += 1;
      if (win.inside(head[1])) win.rtt.add(t - head[1]);
    });
    call.on('error', (error) => {
      if (!stream.alive) return;
      stream.alive = false;
      if (stream.open) failures += 1;
      else openFailures += 1;
      failureCodes[error.code] = (failureCodes[error.code] || 0) + 1;
    });
    call.on('status', () => (ended += 1));
    streams.push(stream);
    send(stream, now());
  };
  const send = (stream, t) => {
    if (!stream.alive) return;
    stream.sequence += 1;
    stream.inFlight.push([stream.sequence, t]);
    if (win.inside(t)) win.sent += 1;
    stream.call.write(withSequence(stampedNow(stream.message), stream.sequence));
  };

  // Open the streams evenly over the ramp; each sends its first heartbeat at once.
  const rampStart = now();
  const rampMs = config.ramp * 1000;
  for (let i = 0; i < n; i++) {
    const due = rampStart + (rampMs * i) / n;
    if (due > now()) await sleep(due - now());
    openStream(i);
  }
  const openDeadline = now() + config.open_timeout * 1000;
  while (opened + failures + openFailures < n && now() < openDeadline) await sleep(20);
  emit({ event: 'ready', opened });
  await go();

  // One scheduler over every stream, in phase order: each tick sends what is due.
  const phases = streams.map(() => Math.random() * period);
  const order = streams.map((_, i) => i).sort((a, b) => phases[a] - phases[b]);
  let cycleStart = now();
  let cursor = 0;
  let scheduling = true;
  const tick = () => {
    const t = now();
    let budget = n;
    while (scheduling && budget > 0) {
      const due = cycleStart + phases[order[cursor]];
      if (due > t) break;
      if (win.inside(t)) sendLag.add(t - due);
      send(streams[order[cursor]], t);
      budget -= 1;
      cursor += 1;
      if (cursor === n) {
        cursor = 0;
        cycleStart += period;
      }
    }
  };
  const timer = setInterval(tick, 1);
  await sleep(config.warmup * 1000);
  win.open();
  emit({ event: 'measuring' });
  await sleep(config.seconds * 1000);
  win.close();
  emit({ event: 'measured' });
  scheduling = false;
  clearInterval(timer);

  // Wait for the answers to what was sent in the window, then close every stream.
  const drainDeadline = now() + config.drain * 1000;
  const pending = () => streams.reduce((sum, s) => sum + (s.alive ? s.inFlight.length : 0), 0);
  while (pending() > 0 && now() < drainDeadline) await sleep(20);
  let lost = 0;
  for (const stream of streams) {
    if (stream.alive) lost += stream.inFlight.filter(([, t]) => win.inside(t)).length;
    stream.alive = false;
    stream.call.end();
  }
  const endDeadline = now() + 5000;
  while (ended < streams.length && now() < endDeadline) await sleep(20);
  for (const client of clients) client.close();
  return {
    streams: n,
    opened,
    sent: win.sent,
    answered: win.answered,
    lost,
    stream_failures: failures,
    open_failures: openFailures,
    failure_codes: failureCodes,
    unmatched,
    window_s: (win.end - win.start) / 1000,
    cpu_s: win.cpu,
    rtt: win.rtt.toJSON(),
    send_lag: sendLag.toJSON(),
  };
}

// Unary calls: `connections` connections, `window` calls in flight on each.
async function unary(config, go) {
  const messages = config.messages.map((hex) => Buffer.from(hex, 'hex'));
  const clients = makeClients(config.target, config.connections);
  const win = new Window();
  let running = true;
  let errors = 0;
  let inFlight = 0;
  let next = 0;
  const errorCodes = {};

  const call = (client) => {
    if (!running) return;
    const message = messages[next++ % messages.length];
    const sentAt = now();
    inFlight += 1;
    client.makeUnaryRequest(config.method, identity, identity, message, (error) => {
      inFlight -= 1;
      const t = now();
      if (error) {
        errors += 1;
        errorCodes[error.code] = (errorCodes[error.code] || 0) + 1;
      } else if (win.inside(t)) {
        win.answered += 1;
        win.rtt.add(t - sentAt);
      }
      call(client);
    });
  };
  emit({ event: 'ready', opened: 0 });
  await go();
  for (const client of clients) for (let i = 0; i < config.window; i++) call(client);
  await sleep(config.warmup * 1000);
  win.open();
  emit({ event: 'measuring' });
  await sleep(config.seconds * 1000);
  win.close();
  emit({ event: 'measured' });
  running = false;
  const drainDeadline = now() + config.drain * 1000;
  while (inFlight > 0 && now() < drainDeadline) await sleep(10);
  for (const client of clients) client.close();
  return {
    streams: 0,
    opened: 0,
    sent: win.answered,
    answered: win.answered,
    lost: 0,
    stream_failures: 0,
    errors,
    failure_codes: errorCodes,
    unmatched: 0,
    window_s: (win.end - win.start) / 1000,
    cpu_s: win.cpu,
    rtt: win.rtt.toJSON(),
    send_lag: new Histogram().toJSON(),
  };
}

async function main() {
  const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const first = await lines.next();
  const config = JSON.parse(first.value);
  // "go", or the end of stdin: both start the measured part.
  const go = async () => {
    await lines.next();
  };
  if (!config.target.startsWith(TARGET_PREFIX)) {
    throw new Error(`refusing target ${config.target}: loopback only`);
  }
  // Every run is bounded in time, whatever happens to the server.
  setTimeout(() => {
    emit({ event: 'error', message: 'time limit reached' });
    process.exit(3);
  }, config.limit * 1000).unref();
  const modes = { pipelined, paced, unary };
  const run = modes[config.mode];
  if (run === undefined) throw new Error(`unknown mode ${config.mode}`);
  const result = await run(config, go);
  emit({ event: 'result', loader: 'node', ...result });
  process.exit(0);
}

main().catch((error) => {
  emit({ event: 'error', message: String(error && error.stack ? error.stack : error) });
  process.exit(2);
});
