// OpenAI Agents SDK for JavaScript (@openai/agents-realtime, WebSocket transport) against a
// live Parley: a spoken turn, a spoken request for the client's own function tool, and a
// barge-in over a playing reply. Prints one JSON summary on stdout (tests/test_third_party_js.py).
//
//   node session.mjs --url ws://127.0.0.1:8765/v1/realtime --turn a.wav --tool-turn b.wav \
//        --barge-turn c.wav --barge d.wav [--events-out events.jsonl] [--timeout-s 300]
//
// Every wav: PCM16 mono 24 kHz. Audio goes out as a microphone would send it: 40 ms chunks
// in real time, silence between the clips.
//
// Validation: the SDK parses each server event with its own zod schemas
// (realtimeServerEventSchema) and silently drops one that fails (it is handled as a
// "generic" event, no error is emitted). So every raw event is checked here against the
// same schema, and each failure of a known event type is reported in `invalid_events`.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { RealtimeAgent, RealtimeSession, OpenAIRealtimeWebSocket, tool } from '@openai/agents-realtime';
import { z } from 'zod';

const RATE = 24000;
const CHUNK_MS = 40;
const CHUNK_BYTES = (RATE * 2 * CHUNK_MS) / 1000;
const TOOL_RESULT = { order_id: '', status: 'shipped', carrier: 'DHL', delivery_day: 'Friday' };

function parseArgs(argv) {
  const out = { timeoutS: 300, phaseTimeoutS: 120 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    out[key] = argv[i + 1];
  }
  for (const need of ['url', 'turn', 'toolTurn', 'bargeTurn', 'barge']) {
    if (!out[need]) throw new Error(`missing --${need}`);
  }
  out.timeoutS = Number(out.timeoutS);
  out.phaseTimeoutS = Number(out.phaseTimeoutS);
  return out;
}

function readWavPcm16(file) {
  const buf = fs.readFileSync(file);
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`${file}: not a RIFF/WAVE file`);
  }
  let off = 12;
  let fmt = null;
  while (off + 8 <= buf.length) {
    const id = buf.toString('ascii', off, off + 4);
    const size = buf.readUInt32LE(off + 4);
    if (id === 'fmt ') {
      fmt = { format: buf.readUInt16LE(off + 8), channels: buf.readUInt16LE(off + 10), rate: buf.readUInt32LE(off + 12), bits: buf.readUInt16LE(off + 22) };
    } else if (id === 'data') {
      if (!fmt || fmt.format !== 1 || fmt.channels !== 1 || fmt.rate !== RATE || fmt.bits !== 16) {
        throw new Error(`${file}: need PCM16 mono ${RATE} Hz, got ${JSON.stringify(fmt)}`);
      }
      return buf.subarray(off + 8, off + 8 + size);
    }
    off += 8 + size + (size % 2);
  }
  throw new Error(`${file}: no data chunk`);
}

// The SDK's own server-event schema (not in its package exports: loaded by file path).
async function loadSdkSchema() {
  const require = createRequire(import.meta.url);
  let dir = path.dirname(require.resolve('@openai/agents-realtime'));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  const mod = await import(pathToFileURL(path.join(dir, 'dist', 'openaiRealtimeEvents.mjs')).href);
  const known = new Set(mod.realtimeServerEventSchema.options.map((o) => o.shape.type.value));
  return { schema: mod.realtimeServerEventSchema, known };
}

function describeError(e) {
  const err = e && typeof e === 'object' && 'error' in e ? e.error : e;
  if (err instanceof Error) return { kind: 'exception', name: err.name, message: err.message };
  if (err && typeof err === 'object' && err.type === 'error') {
    return { kind: 'server_error', ...(err.error && typeof err.error === 'object' ? err.error : { error: err.error }) };
  }
  if (err && typeof err === 'object' && 'message' in err) return { kind: 'other', message: String(err.message) };
  try {
    return { kind: 'other', detail: JSON.parse(JSON.stringify(err)) };
  } catch {
    return { kind: 'other', detail: String(err) };
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const clips = {
    turn: readWavPcm16(args.turn),
    tool: readWavPcm16(args.toolTurn),
    bargeTurn: readWavPcm16(args.bargeTurn),
    barge: readWavPcm16(args.barge),
  };
  const { schema, known } = await loadSdkSchema();
  const t0 = Date.now();
  const now = () => Date.now() - t0;
  const eventsOut = args.eventsOut ? fs.openSync(args.eventsOut, 'w') : null;

  const summary = {
    sdk: '@openai/agents-realtime',
    counts: {},
    errors: [],
    invalid_events: [],
    unknown_event_types: {},
    exceptions: [],
    user_transcripts: [],
    responses: [],
    tool_calls: [],
    interruptions: [],
    truncations: [],
    phases: {},
    timed_out: false,
  };
  const responses = new Map(); // id -> summary row
  const waiters = new Set();
  let phase = 'connect';

  const notify = () => {
    for (const w of [...waiters]) {
      if (w.pred()) {
        waiters.delete(w);
        w.resolve();
      }
    }
  };
  const until = (what, pred, timeoutS = args.phaseTimeoutS) => new Promise((resolve, reject) => {
    if (pred()) return resolve();
    const w = { pred, resolve };
    waiters.add(w);
    setTimeout(() => {
      if (waiters.delete(w)) reject(new Error(`timed out after ${timeoutS} s waiting for ${what} (phase ${phase})`));
    }, timeoutS * 1000);
  });

  const lookupOrder = tool({
    name: 'lookup_order',
    description: 'Look up the status of a customer order by its order id.',
    parameters: z.object({ order_id: z.string().describe('The order id') }),
    execute: async ({ order_id }) => {
      summary.tool_calls.push({ t_ms: now(), phase, name: 'lookup_order', arguments: { order_id } });
      return JSON.stringify({ ...TOOL_RESULT, order_id });
    },
  });
  const agent = new RealtimeAgent({
    name: 'Parley third-party test',
    instructions: 'You are a helpful voice assistant. When the user asks about an order, call lookup_order with its order id, then tell the user its status.',
    tools: [lookupOrder],
  });
  const session = new RealtimeSession(agent, {
    transport: new OpenAIRealtimeWebSocket(),
    model: 'parley',
    config: {
      audio: {
        input: {
          format: { type: 'audio/pcm', rate: RATE },
          turnDetection: { type: 'server_vad', silenceDurationMs: 500, createResponse: true, interruptResponse: true },
        },
        output: { format: { type: 'audio/pcm', rate: RATE } },
      },
    },
  });

  let sessionUpdated = 0;
  const speechStarted = [];
  const committed = [];
  session.on('transport_event', (ev) => {
    if (!ev || typeof ev.type !== 'string') return;
    const type = ev.type;
    if (eventsOut) {
      const copy = type === 'response.output_audio.delta' ? { ...ev, delta: `<${ev.delta?.length ?? 0} base64 chars>` } : ev;
      fs.writeSync(eventsOut, JSON.stringify(copy) + '\n');
    }
    summary.counts[type] = (summary.counts[type] ?? 0) + 1;
    if (known.has(type)) {
      const r = schema.safeParse(ev);
      if (!r.success) {
        summary.invalid_events.push({
          type,
          issues: r.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message })),
        });
      }
    } else {
      summary.unknown_event_types[type] = (summary.unknown_event_types[type] ?? 0) + 1;
    }
    switch (type) {
      case 'session.updated':
        sessionUpdated += 1;
        break;
      case 'input_audio_buffer.speech_started':
        speechStarted.push({ t_ms: now(), phase });
        break;
      case 'input_audio_buffer.committed':
        committed.push({ t_ms: now(), phase, item_id: ev.item_id });
        break;
      case 'conversation.item.input_audio_transcription.completed':
        summary.user_transcripts.push({ t_ms: now(), phase, item_id: ev.item_id, transcript: ev.transcript });
        break;
      case 'conversation.item.truncated':
        summary.truncations.push({ t_ms: now(), phase, item_id: ev.item_id, audio_end_ms: ev.audio_end_ms });
        break;
      case 'response.created': {
        const id = ev.response?.id;
        const row = { id, phase, created_ms: now(), status: null, transcript: '', audio_bytes: 0, first_audio_ms: null, done_ms: null, output_types: [], function_calls: [] };
        responses.set(id, row);
        summary.responses.push(row);
        break;
      }
      case 'response.output_audio_transcript.delta': {
        const row = responses.get(ev.response_id);
        if (row) row.transcript += ev.delta ?? '';
        break;
      }
      case 'response.done': {
        const row = responses.get(ev.response?.id);
        if (row) {
          row.status = ev.response?.status ?? null;
          row.done_ms = now();
          row.output_types = (ev.response?.output ?? []).map((o) => o?.type);
          row.function_calls = (ev.response?.output ?? []).filter((o) => o?.type === 'function_call').map((o) => ({ name: o.name, arguments: o.arguments, call_id: o.call_id }));
        }
        break;
      }
      default:
        break;
    }
    notify();
  });
  session.on('audio', (ev) => {
    const row = responses.get(ev.responseId);
    if (row) {
      if (row.first_audio_ms === null) row.first_audio_ms = now();
      row.audio_bytes += ev.data.byteLength;
    }
    notify();
  });
  session.on('audio_interrupted', () => {
    const playing = summary.responses.filter((r) => r.first_audio_ms !== null).at(-1);
    const played = playing ? now() - playing.first_audio_ms : null;
    summary.interruptions.push({
      t_ms: now(), phase, response_id: playing?.id ?? null, played_ms: played,
      audio_ms: playing ? (playing.audio_bytes / 2 / RATE) * 1000 : null,
    });
    notify();
  });
  session.on('agent_tool_end', (_ctx, _agent, t, result) => {
    const call = summary.tool_calls.filter((c) => c.name === t.name).at(-1);
    if (call) call.result = result;
    notify();
  });
  session.on('error', (e) => {
    summary.errors.push({ t_ms: now(), phase, ...describeError(e) });
    notify();
  });
  process.on('uncaughtException', (e) => summary.exceptions.push({ name: e?.name, message: String(e?.message ?? e) }));
  process.on('unhandledRejection', (e) => summary.exceptions.push({ name: e?.name, message: String(e?.message ?? e) }));

  // The "microphone": 40 ms chunks in real time, the queued clip's audio or silence.
  let queue = [];
  let queuedDone = null;
  let micOn = true;
  const mic = (async () => {
    const silence = new Uint8Array(CHUNK_BYTES);
    let next = Date.now();
    while (micOn) {
      let chunk = silence;
      if (queue.length) {
        chunk = queue.shift();
        if (!queue.length && queuedDone) {
          const d = queuedDone;
          queuedDone = null;
          setImmediate(d);
        }
      }
      const copy = new Uint8Array(chunk.byteLength);
      copy.set(chunk);
      try {
        session.sendAudio(copy.buffer);
      } catch (e) {
        summary.exceptions.push({ name: e?.name, message: `sendAudio: ${e?.message ?? e}` });
      }
      next += CHUNK_MS;
      await sleep(Math.max(0, next - Date.now()));
    }
  })();
  const speak = (pcm) => new Promise((resolve) => {
    const chunks = [];
    for (let i = 0; i < pcm.length; i += CHUNK_BYTES) {
      const c = new Uint8Array(CHUNK_BYTES);
      c.set(pcm.subarray(i, Math.min(i + CHUNK_BYTES, pcm.length)));
      chunks.push(c);
    }
    queue = chunks;
    queuedDone = resolve;
  });
  const phaseResponses = (p) => summary.responses.filter((r) => r.phase === p);
  const doneIn = (p, statuses = ['completed', 'cancelled', 'failed', 'incomplete']) =>
    phaseResponses(p).filter((r) => r.done_ms !== null && statuses.includes(r.status));
  // A turn has ended when a response without a function call is done (a spoken reply, or the
  // follow-up after the client's tool ran), or after MAX_TOOL_ROUNDS responses that each only
  // called a tool (the model calling again and again: recorded, and the test fails on it).
  const MAX_TOOL_ROUNDS = 3;
  const turnEnded = (p) => {
    const done = doneIn(p);
    if (done.some((r) => r.function_calls.length === 0)) return true;
    if (done.filter((r) => r.function_calls.length > 0).length >= MAX_TOOL_ROUNDS) {
      summary.phases[p].tool_call_loop = true;
      return true;
    }
    return false;
  };

  const overall = setTimeout(() => {
    summary.timed_out = true;
    finish(2);
  }, args.timeoutS * 1000);
  let finished = false;
  function finish(code) {
    if (finished) return;
    finished = true;
    clearTimeout(overall);
    micOn = false;
    summary.speech_started = speechStarted;
    summary.committed = committed;
    summary.elapsed_ms = now();
    try {
      session.close();
    } catch (e) {
      summary.exceptions.push({ name: e?.name, message: `close: ${e?.message ?? e}` });
    }
    if (eventsOut) fs.closeSync(eventsOut);
    process.stdout.write(JSON.stringify(summary) + '\n', () => process.exit(code));
  }

  try {
    await session.connect({ apiKey: 'parley-test-key', url: args.url });
    await until('session.updated', () => sessionUpdated > 0, 30);
    await sleep(500);

    // 1. A spoken turn (a real recording), then ~1.5 s of silence (the mic keeps sending it).
    phase = 'turn';
    summary.phases.turn = { start_ms: now() };
    await speak(clips.turn);
    summary.phases.turn.speech_sent_ms = now();
    await until('the reply to the spoken turn', () => turnEnded('turn'));
    await sleep(1500);

    // 2. A spoken request for the client's own tool: the SDK runs it and asks for the
    //    follow-up reply (function_call_output + response.create).
    phase = 'tool';
    summary.phases.tool = { start_ms: now() };
    await speak(clips.tool);
    summary.phases.tool.speech_sent_ms = now();
    await until('the tool call and the reply that follows it', () => turnEnded('tool'));
    await sleep(1500);

    // 3. Barge-in: a question, and while its reply plays another spoken clip, at least
    //    1.8 s after the question was committed (Parley's merge_window_ms is 1.5 s: speech
    //    sooner than that continues the question instead of interrupting its reply).
    phase = 'barge';
    summary.phases.barge = { start_ms: now() };
    await speak(clips.bargeTurn);
    summary.phases.barge.speech_sent_ms = now();
    await until('reply audio to interrupt', () => phaseResponses('barge').some((r) => r.first_audio_ms !== null && r.audio_bytes > 0) || turnEnded('barge'));
    const target = phaseResponses('barge').find((r) => r.first_audio_ms !== null);
    if (!target) {
      summary.phases.barge.no_reply_audio = true;
      throw new Error("no reply audio to barge in on: the question's turn ended without any");
    }
    summary.phases.barge.interrupted_response_id = target.id;
    const commit = committed.filter((c) => c.phase === 'barge').at(-1);
    await sleep(Math.max(300, (commit ? commit.t_ms : summary.phases.barge.speech_sent_ms) + 1800 - now()));
    if (target.done_ms !== null) summary.phases.barge.reply_done_before_barge_in = true;
    summary.phases.barge.barge_in_ms = now();
    phase = 'barge-in';
    await speak(clips.barge);
    summary.phases.barge.barge_in_sent_ms = now();
    await until('the interrupted reply to end', () => target.done_ms !== null);
    summary.phases['barge-in'] = { start_ms: summary.phases.barge.barge_in_ms };
    await until('a reply to the interrupting speech', () => turnEnded('barge-in'));
    await sleep(1000);
    finish(0);
  } catch (e) {
    summary.exceptions.push({ name: e?.name, message: String(e?.message ?? e) });
    finish(1);
  }
}

main().catch((e) => {
  process.stdout.write(JSON.stringify({ exceptions: [{ name: e?.name, message: String(e?.message ?? e) }] }) + '\n', () => process.exit(1));
});
