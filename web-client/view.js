// The conversation view: one turn per user or assistant item, partial and final text, what
// was cut off by a barge-in, and the latency waterfall under each reply.
// SPDX-License-Identifier: GPL-3.0-or-later

import { WIRE_RATE } from "./audio.js";
import { items, log, response, truncates } from "./state.js";

export const $ = (id) => document.getElementById(id);

export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function appendTurn(li) {
  $("log").append(li);
  $("empty").hidden = true;
  li.scrollIntoView({ block: "end" });
}

export function makeTurn(role, id) {
  const li = el("li", `turn ${role}`);
  li.dataset.itemId = id || "";
  const who = el("span", "who", role === "user" ? "You" : role === "assistant" ? "Agent" : "Note");
  const bubble = el("div", "bubble");
  const partial = el("span", "partial");
  partial.setAttribute("aria-hidden", "true");
  bubble.append(partial);
  li.append(who, bubble);
  appendTurn(li);
  return { li, bubble, partialEl: partial };
}

export function userItem(id, kind) {
  if (!id) id = `item_local_${Date.now()}`;
  let it = items.get(id);
  if (!it) {
    const t = makeTurn("user", id);
    it = { id, role: "user", kind, partial: "", final: false, ...t };
    if (kind === "speech") {
      it.partialEl.textContent = "…";
      it.li.classList.add("live");
    }
    items.set(id, it);
  }
  return it;
}

export function assistantItem(id, respId) {
  if (!id) id = `item_reply_${respId}`;
  let it = items.get(id);
  if (!it) {
    const t = makeTurn("assistant", id);
    it = {
      id,
      role: "assistant",
      resp: respId,
      partial: "",
      final: false,
      received: 0,
      played: 0,
      enqueued: false,
      playDone: false,
      flushed: false,
      truncateSent: false,
      startedPerf: null,
      ...t,
    };
    it.li.classList.add("live");
    it.meta = el("div", "meta");
    it.li.append(it.meta);
    items.set(id, it);
    const r = response(respId);
    if (!r.items.includes(id)) r.items.push(id);
    if (!r.itemId) r.itemId = id;
    if (r.metrics) renderWaterfall(r);
  }
  return it;
}

export function setPartial(it, text) {
  it.partialEl.textContent = text;
}

export function setFinal(it, text) {
  it.final = true;
  it.li.classList.remove("live");
  it.partialEl.textContent = "";
  let fin = it.bubble.querySelector(".final");
  if (fin) fin.remove();
  fin = el("span", "final", it.role === "assistant" ? plain(text) : text);
  it.bubble.append(fin);
  it.partial = text;
  log(it.role === "user" ? "user-final" : "reply-final", { item_id: it.id, text });
}

export function noteTruncated(it, audioEndMs, acked) {
  it.li.classList.add("interrupted");
  let note = it.li.querySelector(".cut");
  if (!note) {
    note = el("div", "cut");
    it.li.insertBefore(note, it.meta || null);
  }
  const heard = (audioEndMs / 1000).toFixed(1);
  note.textContent = `Interrupted — you heard ${heard} s of ${(ms(it.received) / 1000).toFixed(1)} s${acked ? " (server trimmed its memory to match)" : ""}`;
}

export function onItemRetrieved(item) {
  const it = items.get(item.id);
  if (!it || it.role !== "assistant" || !it.truncateSent) return;
  const part = (item.content || [])[0] || {};
  const kept = (part.transcript ?? part.text ?? "").trim();
  const full = it.partial || "";
  const t = truncates.find((x) => x.item_id === item.id);
  if (t) t.server_transcript = kept;
  it.final = true;
  it.li.classList.remove("live");
  it.partialEl.textContent = "";
  for (const old of it.bubble.querySelectorAll(".final, .unheard")) old.remove();
  const heard = el("span", "final", kept);
  it.bubble.append(heard);
  const rest = full.startsWith(kept) ? full.slice(kept.length) : "";
  if (rest.trim()) {
    const un = el("span", "unheard", rest);
    un.title = "Not heard: the agent was interrupted here";
    it.bubble.append(un);
  }
  log("reply-truncated-text", { item_id: item.id, kept, full });
}

export function addSystemNote(text) {
  const li = el("li", "turn note");
  li.append(el("div", "bubble", text));
  appendTurn(li);
}

// Replies are spoken; the odd markdown a small model emits is noise on screen too.
export function plain(text) {
  return text.replace(/\*\*|__|`/g, "");
}

export function ms(samples) {
  return Math.round((samples * 1000) / WIRE_RATE);
}

export function renderWaterfall(r) {
  const m = r.metrics;
  if (!m) return;
  if (r.startedPerf !== null && r.firstDeltaPerf !== null && typeof m.first_audio_sent_ms === "number") {
    // "heard": the server's first-audio-sent time plus how long the page took from receiving that
    // audio to actually playing it (loopback transit is neglected).
    r.heardMs = Math.round(m.first_audio_sent_ms + (r.startedPerf - r.firstDeltaPerf));
  }
  const it = items.get(r.itemId) || items.get(r.items[0]);
  if (!it) return;
  // [label, time, what it waited for]: the transcript starts at end of speech (decoding runs
  // during the end-of-turn silence), the LLM waits for the transcript, and so on.
  const stages = [
    ["end of speech", m.speech_end_ms ?? 0, null],
    ["end of turn", m.end_of_turn_ms, "end of speech"],
    ["transcript", m.asr_final_ms, "end of speech"],
    ["first token", m.llm_first_token_ms, "transcript"],
    ["first audio", m.first_audio_sent_ms, "first token"],
    ["heard", r.heardMs, "first audio"],
  ].filter(([, v]) => typeof v === "number" && Number.isFinite(v));
  const at = Object.fromEntries(stages.map(([label, v]) => [label, v]));
  const max = Math.max(1, ...stages.map(([, v]) => v));
  let box = it.li.querySelector(".waterfall");
  if (!box) {
    box = el("figure", "waterfall");
    it.li.append(box);
  }
  box.replaceChildren();
  const cap = el("figcaption", null, `Latency after you stopped speaking${r.heardMs !== null ? `: heard at ${r.heardMs} ms` : ""}`);
  box.append(cap);
  const dl = el("dl");
  for (const [label, v, after] of stages) {
    const row = el("div", "row");
    row.dataset.stage = label.replace(/ /g, "-");
    const dt = el("dt", null, label);
    const dd = el("dd");
    const track = el("span", "track");
    const bar = el("span", "bar");
    const from = Math.min(after && after in at ? at[after] : 0, v);
    bar.style.left = `${(100 * from) / max}%`;
    bar.style.width = `${Math.max(0.8, (100 * (v - from)) / max)}%`;
    track.append(bar);
    dd.append(track, el("span", "v", `${Math.round(v)} ms`));
    row.append(dt, dd);
    dl.append(row);
  }
  box.append(dl);
  const extra = [];
  if (typeof m.first_chunk_ms === "number") extra.push(`first clause ${Math.round(m.first_chunk_ms)} ms`);
  if (typeof m.tts_first_audio_ms === "number") extra.push(`speech synthesised ${Math.round(m.tts_first_audio_ms)} ms`);
  if (extra.length) box.title = extra.join(", ");
}
