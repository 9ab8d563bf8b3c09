// Parley browser voice client: talk, type or drop a screenshot; hear the reply; cut in at any time.
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Protocol: OpenAI Realtime API (GA event names) over ws(s)://HOST/v1/realtime, plus the Parley
// events parley.turn.metrics and parley.image.analyzed. No build step, no dependencies.

import { AudioEngine, WIRE_RATE, base64FromInt16, int16FromBase64 } from "./audio.js";
import { BargeInHold } from "./barge-in.js";
import { imageDataUrl } from "./image-file.js";
import { AuthRequired, RealtimeSocket, ServerLoading, checkHealth } from "./realtime.js";
import {
  S, activeResponse, cancelled, counters, errors, eventLog, items, latencyTurns, log, partials, response, responses, truncates,
} from "./state.js";
import {
  $, addSystemNote, appendTurn, assistantItem, el, makeTurn, ms, noteTruncated, onItemRetrieved, plain, renderWaterfall,
  setFinal, setPartial, userItem,
} from "./view.js";

const KEY_STORE = "parley.apiKey";
const BASE = new URL("./", location.href);
const params = new URLSearchParams(location.search);
const num = (v, d) => (v !== null && v !== "" && Number.isFinite(Number(v)) ? Number(v) : d);
const CONFIG = {
  instructions: params.get("instructions") || "",
  vadThreshold: num(params.get("vad_threshold"), 0.5),
  silenceMs: num(params.get("silence_ms"), 500),
  prefixMs: num(params.get("prefix_ms"), 300),
};
const RECONNECT_DELAYS = [1000, 2000, 4000, 8000, 15000];
const STATE_TEXT = {
  connecting: "Connecting…",
  auth: "API key needed",
  ready: "Ready — press Talk or type",
  listening: "Listening",
  "user-speaking": "You are speaking",
  thinking: "Thinking…",
  "agent-speaking": "Agent speaking",
  interrupted: "Interrupted",
  error: "Error",
};

// ---------------------------------------------------------------- state

let sock = null;
let reconnectTimer = 0;
let reconnectAttempt = 0;
let connectGen = 0;
let sessions = 0;
let awaitTimer = 0;
const audio = new AudioEngine();
// A reply paused because the user started speaking over it; the server's verdict decides.
const hold = new BargeInHold({
  pause: () => { audio.pause(); S.playing = false; counters.holds++; },
  resume: () => { counters.holdsReleased++; audio.resume(); updateState(); },
  confirm: (reason) => bargeIn(reason),
  log: (what, detail) => log(what, detail),
  now: () => performance.now(),
});

function computeState() {
  if (S.conn === "auth") return "auth";
  if (S.conn === "error") return "error";
  if (S.conn !== "open" || !S.sessionReady) return "connecting";
  if (performance.now() - S.interruptedAt < 900) return "interrupted";
  if (S.userSpeaking) return "user-speaking";
  if (S.playing) return "agent-speaking";
  if (S.awaitingReply) return "thinking";
  return S.micOn ? "listening" : "ready";
}

function updateState() {
  const st = computeState();
  const detail = S.conn === "connecting" && S.connDetail ? ` (${S.connDetail})` : "";
  const text = STATE_TEXT[st] + detail;
  const label = $("status-text");
  if (label.textContent !== text) label.textContent = text; // a live region: only real changes
  $("status").dataset.state = st;
  document.body.dataset.state = st;
  if (st !== S.state) {
    S.state = st;
    S.history.push({ state: st, t: Math.round(performance.now()) });
    if (S.history.length > 500) S.history.shift();
    log("state", { state: st });
  }
  $("stop").disabled = !(S.playing || S.awaitingReply || activeResponse());
}

// ---------------------------------------------------------------- connection

function connDelay() {
  return RECONNECT_DELAYS[Math.min(reconnectAttempt, RECONNECT_DELAYS.length - 1)];
}

async function connect() {
  const gen = ++connectGen;
  clearTimeout(reconnectTimer);
  if (sock) sock.close();
  sock = null;
  S.conn = "connecting";
  S.connDetail = "";
  S.sessionReady = false;
  updateState();
  const key = sessionStorage.getItem(KEY_STORE) || "";
  let health;
  try {
    health = await checkHealth(BASE, key);
  } catch (e) {
    if (gen !== connectGen) return; // superseded by a newer attempt
    if (e instanceof AuthRequired) return askForKey(e.rejected);
    if (e instanceof ServerLoading) return retryWhileLoading();
    return connectionFailed(e.message);
  }
  if (gen !== connectGen) return;
  if (health && health.auth_required && !key) return askForKey(false);
  const s = new RealtimeSocket(BASE, key);
  sock = s;
  s.addEventListener("open", () => log("ws-open", {}));
  s.addEventListener("server-event", (e) => s === sock && onServerEvent(e.detail));
  s.addEventListener("bad-message", (e) => log("bad-message", e.detail));
  s.addEventListener("close", (e) => s === sock && onClose(e.detail));
  s.open();
}

async function onClose({ code, reason, opened }) {
  log("ws-close", { code, reason, opened });
  sock = null;
  S.sessionReady = false;
  dropAllAudio("disconnected");
  if (/unauthori[sz]ed|api key/i.test(reason || "") || code === 4001 || code === 4401) return askForKey(true);
  if (!opened) {
    // A refused upgrade looks the same as a dead server to the page; ask /health which.
    const key = sessionStorage.getItem(KEY_STORE) || "";
    const gen = connectGen;
    let health;
    try {
      health = await checkHealth(BASE, key);
    } catch (e) {
      if (gen !== connectGen) return; // the user has already started another attempt
      if (e instanceof AuthRequired) return askForKey(e.rejected);
      if (e instanceof ServerLoading) return retryWhileLoading();
      return connectionFailed(e.message);
    }
    if (gen !== connectGen) return;
    if (health && health.auth_required) return askForKey(!!key);
    return connectionFailed("the server refused the voice connection" + (reason ? `: ${reason}` : ""));
  }
  connectionFailed(`connection lost (code ${code}${reason ? `: ${reason}` : ""})`);
}

// The server answers 503 while its models load: show it and try again in a second.
function retryWhileLoading() {
  S.conn = "connecting";
  S.connDetail = "the server is loading its models";
  updateState();
  reconnectTimer = setTimeout(connect, 1000);
}

function connectionFailed(message) {
  S.conn = "error";
  S.sessionReady = false;
  const delay = connDelay();
  reconnectAttempt++;
  showError(`${capitalize(message)}.`, { fatal: true, retryInMs: delay });
  updateState();
  reconnectTimer = setTimeout(() => {
    counters.reconnects++;
    connect();
  }, delay);
}

function askForKey(rejected) {
  clearTimeout(reconnectTimer);
  if (sock) sock.close();
  sock = null;
  S.conn = "auth";
  updateState();
  const form = $("auth");
  form.hidden = false;
  $("auth-msg").textContent = rejected
    ? "The server did not accept that API key. Check it and try again."
    : "This server needs an API key.";
  log("auth-required", { rejected: !!rejected });
  $("api-key").focus();
}

function sessionUpdate() {
  const session = {
    type: "realtime",
    audio: {
      input: {
        format: { type: "audio/pcm", rate: WIRE_RATE },
        turn_detection: {
          type: "server_vad",
          threshold: CONFIG.vadThreshold,
          prefix_padding_ms: CONFIG.prefixMs,
          silence_duration_ms: CONFIG.silenceMs,
          interrupt_response: true,
        },
      },
      output: { format: { type: "audio/pcm", rate: WIRE_RATE } },
    },
    parley: { events: true }, // Parley's own events (metrics, image analysis, ignored speech): sent only on request
  };
  if (CONFIG.instructions) session.instructions = CONFIG.instructions;
  send({ type: "session.update", session });
}

function send(evt) {
  if (!sock || !sock.isOpen) return null;
  if (evt.type !== "input_audio_buffer.append") log("send", { type: evt.type, ...brief(evt) });
  return sock.send(evt);
}

function brief(evt) {
  const out = {};
  for (const k of ["item_id", "audio_end_ms", "response_id"]) if (k in evt) out[k] = evt[k];
  return out;
}

// ---------------------------------------------------------------- server events

function onServerEvent(evt) {
  const type = evt.type || "";
  if (type !== "response.output_audio.delta" && !type.endsWith("transcript.delta") && !type.endsWith("text.delta") && !type.endsWith("transcription.delta")) {
    log("event", compact(evt));
  }
  switch (type) {
    case "session.created":
      if (++sessions > 1) addSystemNote("Reconnected: this is a new session, the server does not remember the earlier turns.");
      S.conn = "open";
      reconnectAttempt = 0;
      hideError(true);
      $("auth").hidden = true;
      sessionUpdate();
      S.sessionReady = true;
      break;
    case "session.updated":
      S.sessionReady = true;
      break;
    case "input_audio_buffer.speech_started":
      S.userSpeaking = true;
      S.awaitingReply = false;
      userItem(evt.item_id, "speech");
      hold.speechStarted(evt.item_id, audibleResponses());
      break;
    case "input_audio_buffer.speech_stopped":
      S.userSpeaking = false;
      userItem(evt.item_id, "speech");
      expectReply(8000, evt.item_id);
      break;
    case "parley.speech.ignored":
      hold.speechIgnored(evt.item_id, evt.reason); // a backchannel, noise or echo: play on
      break;
    case "input_audio_buffer.committed":
      hold.committed(evt.item_id);
      if (S.awaitingReply) expectReply(20000);
      break;
    case "conversation.item.input_audio_transcription.delta": {
      const it = userItem(evt.item_id, "speech");
      it.partial += evt.delta || ""; // deltas append (the stable part of the transcript grows)
      setPartial(it, it.partial);
      partials.push({ item_id: it.id, text: it.partial, t: Math.round(performance.now()), speaking: S.userSpeaking });
      log("partial", { item_id: it.id, text: it.partial, speaking: S.userSpeaking });
      break;
    }
    case "conversation.item.input_audio_transcription.completed": {
      const it = userItem(evt.item_id, "speech");
      const said = (evt.transcript || "").trim();
      setFinal(it, said || "(nothing recognised)");
      if (!said) S.awaitingReply = false;
      else hold.committed(evt.item_id);
      break;
    }
    case "conversation.item.input_audio_transcription.failed": {
      const it = userItem(evt.item_id, "speech");
      setFinal(it, "(could not transcribe)");
      break;
    }
    case "conversation.item.added":
    case "conversation.item.created":
    case "conversation.item.done":
      onItemAdded(evt.item, evt.previous_item_id);
      break;
    case "response.created": {
      const r = response(evt.response && evt.response.id);
      r.status = "in_progress";
      hold.responseCreated(r.id);
      S.awaitingReply = true;
      clearTimeout(awaitTimer);
      break;
    }
    case "response.output_item.added":
      if (evt.item && evt.item.role === "assistant") assistantItem(evt.item.id, evt.response_id);
      break;
    case "response.output_audio.delta":
      onAudioDelta(evt);
      break;
    case "response.output_audio.done":
      if (!cancelled.has(evt.response_id)) audio.endItem(evt.item_id);
      break;
    case "response.output_audio_transcript.delta":
    case "response.output_text.delta":
      if (cancelled.has(evt.response_id)) break;
      {
        const it = assistantItem(evt.item_id, evt.response_id);
        it.partial += evt.delta || "";
        setPartial(it, plain(it.partial));
      }
      break;
    case "response.output_audio_transcript.done":
    case "response.output_text.done":
      if (cancelled.has(evt.response_id)) break;
      {
        const it = assistantItem(evt.item_id, evt.response_id);
        setFinal(it, evt.transcript !== undefined ? evt.transcript : evt.text || it.partial);
      }
      break;
    case "response.done":
      onResponseDone(evt.response || {});
      break;
    case "conversation.item.truncated": {
      counters.truncatedAcks++;
      const it = items.get(evt.item_id);
      if (it) {
        noteTruncated(it, evt.audio_end_ms, true);
        // Ask what the server now remembers of the reply, to show heard vs. unheard words.
        send({ type: "conversation.item.retrieve", item_id: evt.item_id });
      }
      break;
    }
    case "conversation.item.retrieved":
      onItemRetrieved(evt.item || {});
      break;
    case "parley.turn.metrics": {
      const r = response(evt.response_id);
      r.metrics = evt.metrics || {};
      if (evt.item_id && !r.itemId) r.itemId = evt.item_id;
      renderWaterfall(r);
      break;
    }
    case "parley.image.analyzed":
      onImageAnalyzed(evt);
      break;
    case "error":
      onServerError(evt.error || evt);
      break;
    default:
      break;
  }
  updateState();
}

function compact(evt) {
  const out = {};
  for (const [k, v] of Object.entries(evt)) {
    if (k === "delta" || k === "audio") out[k] = typeof v === "string" ? `(${v.length} chars)` : v;
    else if (k === "session") out[k] = "(session)";
    else out[k] = v;
  }
  return out;
}

function onServerError(err) {
  const code = err.code || "";
  const type = err.type || "error";
  if (code === "unauthorized") return askForKey(!!sessionStorage.getItem(KEY_STORE));
  const hint = err.hint ? ` — ${err.hint}` : "";
  const text = `${err.message || "The server reported an error."}${code ? ` (${code})` : ""}${hint}`;
  errors.push({ type, code, message: err.message || "", event_id: err.event_id || null });
  showError(`Server error: ${text}`, { fatal: false });
  addSystemNote(`Server error: ${text}`);
}

// A turn the server decided not to answer (noise, a hallucinated transcript) must not stick on
// "thinking": without a commit soon after speech_stopped, or a response after the commit, give up.
function expectReply(ms = 20000, itemId = null) {
  S.awaitingReply = true;
  clearTimeout(awaitTimer);
  awaitTimer = setTimeout(() => {
    if (activeResponse()) return;
    S.awaitingReply = false;
    const it = itemId && items.get(itemId);
    if (it && it.li.classList.contains("live") && !it.partial) {
      it.li.remove(); // nothing was recognised in it
      items.delete(itemId);
    }
    updateState();
  }, ms);
}

function onAudioDelta(evt) {
  counters.deltasReceived++;
  if (cancelled.has(evt.response_id)) {
    counters.deltasIgnored++;
    return;
  }
  const pcm = int16FromBase64(evt.delta || "");
  const r = response(evt.response_id);
  const it = assistantItem(evt.item_id, evt.response_id);
  if (r.firstDeltaPerf === null) {
    r.firstDeltaPerf = performance.now();
    log("first-audio-delta", { response_id: r.id, item_id: it.id });
  }
  r.receivedSamples += pcm.length;
  it.received += pcm.length;
  it.enqueued = true;
  counters.samplesReceived += pcm.length;
  if (!audio.playback) audio.ensure().catch((e) => log("audio-unavailable", { message: e.message }));
  audio.enqueue(it.id, r.id, pcm);
}

function onResponseDone(resp) {
  const r = response(resp.id);
  r.status = resp.status || "completed";
  log("response-done", { response_id: r.id, status: r.status, receivedMs: ms(r.receivedSamples) });
  if (r.status === "cancelled" || r.status === "failed" || r.status === "incomplete") {
    if (r.status === "cancelled" && !r.cancelled) {
      // Cancelled by the server (its own barge-in, or our response.cancel): stop what is queued.
      if (hold.active) hold.responseCancelled(r.id);
      else if (r.items.some((id) => pendingAudio(items.get(id)))) bargeIn("response_cancelled");
      cancelled.add(r.id);
      r.cancelled = true;
    }
    const why = resp.status_details && (resp.status_details.reason || (resp.status_details.error && resp.status_details.error.message));
    if (r.status === "failed") addSystemNote(`The reply failed${why ? `: ${why}` : ""}.`);
  }
  for (const id of r.items) {
    const it = items.get(id);
    if (it && it.partial && !it.final && !r.cancelled) setFinal(it, it.partial);
  }
  if (!activeResponse()) S.awaitingReply = false;
}

// ---------------------------------------------------------------- playback and barge-in

function pendingAudio(it) {
  return !!it && it.enqueued && !it.playDone && !it.flushed;
}

function agentAudible() {
  if (S.playing) return true;
  for (const it of items.values()) if (it.role === "assistant" && pendingAudio(it)) return true;
  return false;
}

function audibleResponses() {
  const ids = new Set();
  for (const it of items.values()) if (it.role === "assistant" && pendingAudio(it)) ids.add(it.resp);
  return ids;
}

// Stop playback now; the worklet answers "flushed" with what was heard, and we truncate.
function bargeIn(reason) {
  hold.reset();
  const victims = new Set();
  for (const it of items.values()) if (it.role === "assistant" && pendingAudio(it)) victims.add(it.resp);
  for (const id of victims) {
    const r = response(id);
    cancelled.add(id);
    r.cancelled = true;
    r.interrupted = true;
  }
  counters.bargeIns++;
  S.interruptedAt = performance.now();
  S.playing = false;
  audio.flush(reason);
  log("barge-in", { reason, responses: [...victims] });
  setTimeout(updateState, 950);
  updateState();
  return victims.size > 0;
}

// The session is gone: nothing of it can play on or be truncated any more.
function dropAllAudio(reason) {
  hold.reset();
  for (const r of responses.values()) {
    if (r.status === "in_progress") r.status = "disconnected";
    cancelled.add(r.id);
  }
  for (const it of items.values()) {
    if (it.li.classList.contains("live") && !it.partial) it.li.remove();
    else if (it.li.classList.contains("live")) setFinal(it, it.partial);
  }
  S.playing = false;
  S.userSpeaking = false;
  S.awaitingReply = false;
  clearTimeout(awaitTimer);
  if (audio.playback) audio.flush(reason, "no-truncate");
}

function onPlayback(m) {
  switch (m.type) {
    case "started": {
      const it = items.get(m.item);
      const r = response(m.resp);
      const perf = audio.contextTimeToPerf(m.time);
      if (it) it.startedPerf = it.startedPerf || perf;
      if (r.startedPerf === null) {
        r.startedPerf = perf;
        r.startedFrame = m.frame;
        log("playback-started", { response_id: r.id, item_id: m.item, afterFirstDeltaMs: Math.round(perf - r.firstDeltaPerf) });
        renderWaterfall(r);
      }
      S.playing = true;
      break;
    }
    case "progress":
      for (const p of m.items) setPlayed(p.item, p.resp, p.played);
      if (m.peak > counters.maxOutputPeak) counters.maxOutputPeak = m.peak;
      if (m.items.length) {
        const r = response(m.items[0].resp);
        if (m.peak > r.maxPeak) r.maxPeak = m.peak;
      }
      S.playing = m.playing;
      break;
    case "done": {
      setPlayed(m.item, m.resp, m.played);
      const it = items.get(m.item);
      if (it) it.playDone = true;
      break;
    }
    case "idle":
      S.playing = false;
      break;
    case "flushed":
      onFlushed(m);
      break;
    case "paused":
      log("paused", { items: m.items });
      break;
  }
  updateState();
}

function setPlayed(itemId, respId, played) {
  const it = items.get(itemId);
  if (!it) return;
  it.played = played;
  const r = response(respId);
  r.playedSamples = r.items.reduce((acc, id) => acc + ((items.get(id) || {}).played || 0), 0);
}

function onFlushed(m) {
  log("flushed", { reason: m.reason, items: m.items });
  for (const p of m.items) {
    setPlayed(p.item, p.resp, p.played);
    const it = items.get(p.item);
    if (!it) continue;
    it.flushed = true;
    if (m.tag === "no-truncate" || it.truncateSent) continue;
    const audioEndMs = Math.floor((p.played * 1000) / WIRE_RATE);
    it.truncateSent = true;
    const evt = { type: "conversation.item.truncate", item_id: it.id, content_index: 0, audio_end_ms: audioEndMs };
    send(evt);
    counters.truncatesSent++;
    truncates.push({ item_id: it.id, response_id: it.resp, audio_end_ms: audioEndMs, received_ms: ms(it.received), reason: m.reason });
    noteTruncated(it, audioEndMs, false);
  }
}

function interrupt(reason) {
  const r = activeResponse();
  if (r) send({ type: "response.cancel", response_id: r.id });
  if (agentAudible()) bargeIn(reason);
  S.awaitingReply = false;
  updateState();
}

// ---------------------------------------------------------------- conversation view

// ---------------------------------------------------------------- images

async function sendImage(file) {
  if (!file || !file.type.startsWith("image/")) {
    showError("Only images can be shared (PNG, JPEG, WebP or GIF).", { fatal: false });
    return;
  }
  if (!sock || !sock.isOpen) {
    showError("Not connected — the screenshot was not sent.", { fatal: false });
    return;
  }
  let url;
  try {
    url = await imageDataUrl(file);
  } catch (e) {
    showError(`Could not read the image: ${e.message}.`, { fatal: false });
    return;
  }
  const id = `item_img_${Math.random().toString(36).slice(2, 12)}`;
  const text = $("text-input").value.trim();
  const content = [{ type: "input_image", image_url: url }];
  if (text) content.push({ type: "input_text", text });
  const it = userItem(id, "image");
  it.image = true;
  it.pendingAnalysis = true;
  const fig = el("figure", "shot");
  const img = el("img");
  img.src = url;
  img.alt = `Shared screenshot ${file.name || ""}`.trim();
  const cap = el("figcaption", "analysis", "Reading the screenshot…");
  cap.setAttribute("role", "status");
  fig.append(img, cap);
  it.bubble.prepend(fig);
  it.analysisEl = cap;
  if (text) setFinal(it, text);
  send({ type: "conversation.item.create", item: { id, type: "message", role: "user", content } });
  log("image-sent", { item_id: id, bytes: url.length });
  if (text) {
    $("text-input").value = "";
    await audio.ensure().catch(() => {});
    send({ type: "response.create" });
    expectReply();
  }
  updateState();
}

function onItemAdded(item, previousId) {
  if (!item || item.role !== "user" || items.has(item.id)) return;
  const hasImage = (item.content || []).some((c) => c.type === "input_image");
  if (!hasImage) return;
  // The server gave our image item its own id: adopt it so the analysis finds its way back.
  const pending = [...items.values()].reverse().find((x) => x.image && x.pendingAnalysis && !x.serverId);
  if (pending) {
    pending.serverId = item.id;
    items.set(item.id, pending);
  }
}

function onImageAnalyzed(evt) {
  let it = items.get(evt.item_id);
  if (!it || !it.image) it = [...items.values()].reverse().find((x) => x.image && x.pendingAnalysis);
  const ticket = evt.ticket || {};
  if (!it) {
    addSystemNote(`Screenshot read: ${ticket.title || "no text found"}`);
    return;
  }
  it.pendingAnalysis = false;
  const cap = it.analysisEl;
  cap.replaceChildren();
  cap.append(el("strong", null, ticket.title || "Screenshot read"));
  const errs = ticket.error_messages || [];
  if (errs.length) {
    const ul = el("ul", "errs");
    for (const e of errs.slice(0, 5)) ul.append(el("li", null, e));
    cap.append(ul);
  }
  const codes = ticket.error_codes || [];
  if (codes.length) cap.append(el("p", "codes", `Codes: ${codes.slice(0, 6).join(", ")}`));
  const flags = ticket.flags || {};
  if (flags.prompt_injection_suspected) cap.append(el("p", "warn", "It contains text that looks like instructions to an AI; the agent will not follow it."));
  const ms = ticket.timings && (ticket.timings.total ?? Object.values(ticket.timings).find((v) => typeof v === "number"));
  if (evt.summary) {
    const more = el("details");
    more.append(el("summary", null, "What the agent was given"), el("pre", null, evt.summary));
    cap.append(more);
  }
  if (!errs.length && !codes.length && !ticket.title) cap.append(el("p", null, "No error text found on it."));
  log("image-analyzed", { item_id: it.id, title: ticket.title || "", errors: errs.length, ms: ms ?? null });
}

// ---------------------------------------------------------------- errors

function showError(text, { fatal, retryInMs } = {}) {
  counters.errorsShown++;
  const box = $("banner");
  box.hidden = false;
  box.dataset.fatal = fatal ? "1" : "0";
  $("banner-text").textContent = text + (retryInMs ? ` Reconnecting in ${Math.round(retryInMs / 1000)} s.` : "");
  $("reconnect").hidden = !fatal;
  log("error-shown", { text, fatal: !!fatal });
}

function hideError(onlyFatal) {
  const box = $("banner");
  if (onlyFatal && box.dataset.fatal !== "1") return;
  box.hidden = true;
}

function capitalize(s) {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

// ---------------------------------------------------------------- mic and input

async function toggleMic() {
  const btn = $("talk");
  if (S.micOn) {
    audio.stopMic();
    S.micOn = false;
  } else {
    btn.disabled = true;
    try {
      const settings = await audio.startMic();
      S.micOn = true;
      log("mic-on", { sampleRate: audio.ctx.sampleRate, settings });
    } catch (e) {
      showError(`Microphone unavailable: ${e.message}`, { fatal: false });
    } finally {
      btn.disabled = false;
    }
  }
  // A toggle button keeps its name; aria-pressed (and the colour) says whether the mic is on.
  btn.setAttribute("aria-pressed", String(S.micOn));
  btn.title = S.micOn ? "Microphone on: press to turn it off" : "Press to talk (the microphone stays on)";
  updateState();
}

function onCapture(m) {
  if (m.type === "level") {
    $("meter").style.transform = `scaleX(${Math.min(1, m.peak * 2).toFixed(3)})`;
    return;
  }
  if (m.type !== "chunk" || !S.micOn || !sock || !sock.isOpen || !S.sessionReady) return;
  sock.send({ type: "input_audio_buffer.append", audio: base64FromInt16(m.pcm) });
  counters.appendsSent++;
  counters.samplesSent += m.pcm.length;
}

async function sendText(ev) {
  ev.preventDefault();
  const input = $("text-input");
  const text = input.value.trim();
  if (!text) return;
  if (!sock || !sock.isOpen) {
    showError("Not connected — message not sent.", { fatal: false });
    return;
  }
  await audio.ensure().catch(() => {});
  if (agentAudible() || activeResponse()) interrupt("text");
  const id = `item_txt_${Math.random().toString(36).slice(2, 12)}`;
  const it = userItem(id, "text");
  setFinal(it, text);
  send({ type: "conversation.item.create", item: { id, type: "message", role: "user", content: [{ type: "input_text", text }] } });
  send({ type: "response.create" });
  input.value = "";
  expectReply();
  updateState();
}

function wireUi() {
  $("talk").addEventListener("click", toggleMic);
  $("text-form").addEventListener("submit", sendText);
  $("stop").addEventListener("click", () => interrupt("stop_button"));
  $("reconnect").addEventListener("click", () => {
    reconnectAttempt = 0;
    hideError();
    connect();
  });
  $("dismiss").addEventListener("click", () => hideError());
  $("auth").addEventListener("submit", (e) => {
    e.preventDefault();
    const key = $("api-key").value.trim();
    if (!key) return;
    sessionStorage.setItem(KEY_STORE, key);
    $("api-key").value = "";
    $("auth").hidden = true;
    connect();
  });
  document.querySelector(".attach").addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      $("file-input").click();
    }
  });
  $("file-input").addEventListener("change", (e) => {
    const f = e.target.files && e.target.files[0];
    if (f) sendImage(f);
    e.target.value = "";
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && (S.playing || activeResponse())) {
      e.preventDefault();
      interrupt("escape_key");
    }
  });
  document.addEventListener("paste", (e) => {
    const files = [...(e.clipboardData ? e.clipboardData.items : [])].filter((i) => i.kind === "file" && i.type.startsWith("image/"));
    if (!files.length) return;
    e.preventDefault();
    sendImage(files[0].getAsFile());
  });
  let dragDepth = 0;
  document.addEventListener("dragenter", (e) => {
    if (![...e.dataTransfer.types].includes("Files")) return;
    dragDepth++;
    document.body.classList.add("dragging");
  });
  document.addEventListener("dragleave", () => {
    dragDepth = Math.max(0, dragDepth - 1);
    if (!dragDepth) document.body.classList.remove("dragging");
  });
  document.addEventListener("dragover", (e) => e.preventDefault());
  document.addEventListener("drop", (e) => {
    e.preventDefault();
    dragDepth = 0;
    document.body.classList.remove("dragging");
    const f = [...(e.dataTransfer.files || [])].find((x) => x.type.startsWith("image/"));
    if (f) sendImage(f);
    else showError("Drop an image file (a screenshot) to share it.", { fatal: false });
  });
  audio.addEventListener("capture", (e) => onCapture(e.detail));
  audio.addEventListener("playback", (e) => onPlayback(e.detail));
  audio.addEventListener("mic-ended", () => {
    S.micOn = false;
    $("talk").setAttribute("aria-pressed", "false");
    showError("The microphone stopped.", { fatal: false });
    updateState();
  });
  audio.addEventListener("probe", (e) => {
    latencyTurns.push(e.detail);
    log("probe-turn", e.detail);
  });
}

// ---------------------------------------------------------------- test hook

function snapshotResponse(r) {
  return {
    id: r.id,
    status: r.status,
    items: r.items,
    receivedSamples: r.receivedSamples,
    playedSamples: r.playedSamples,
    receivedMs: ms(r.receivedSamples),
    playedMs: ms(r.playedSamples),
    firstDeltaPerf: r.firstDeltaPerf,
    startedPerf: r.startedPerf,
    startedFrame: r.startedFrame,
    heardMs: r.heardMs,
    metrics: r.metrics,
    cancelled: r.cancelled,
    interrupted: r.interrupted,
    maxPeak: r.maxPeak,
    text: r.items.map((id) => (items.get(id) || {}).partial || "").join(" "),
  };
}

window.parley = {
  get state() {
    return S.state;
  },
  get connected() {
    return !!sock && sock.isOpen && S.sessionReady;
  },
  get micOn() {
    return S.micOn;
  },
  get playing() {
    return S.playing;
  },
  stateHistory: S.history,
  counters,
  truncates,
  errors,
  latencyTurns,
  partials,
  log: eventLog,
  responses: () => [...responses.values()].map(snapshotResponse),
  transcript: () =>
    [...new Set(items.values())].map((it) => ({ id: it.id, role: it.role, text: it.partial, final: it.final, image: !!it.image })),
  outputLevel: () => audio.outputLevel(),
  sampleRate: () => (audio.ctx ? audio.ctx.sampleRate : null),
  send: (evt) => send(evt),
  sendRaw: (text) => sock && sock.sendRaw(text),
  speak: (src) => audio.speak(src),
  startLatencyProbe: (opts) => audio.startLatencyProbe(opts),
  startMic: () => (S.micOn ? null : toggleMic()),
  stopMic: () => (S.micOn ? toggleMic() : null),
  interrupt: () => interrupt("test"),
  reconnect: () => connect(),
  config: CONFIG,
};

wireUi();
updateState();
connect();
