// The page's shared state: connection and turn flags, responses and items by id, counters and
// logs that the UI, the barge-in logic and the test hook (window.parley) all read.
// SPDX-License-Identifier: GPL-3.0-or-later

export const S = {
  conn: "connecting", // connecting | open | auth | error
  connDetail: "",
  sessionReady: false,
  micOn: false,
  userSpeaking: false,
  awaitingReply: false,
  playing: false,
  interruptedAt: -1e9,
  state: "",
  history: [],
};
export const responses = new Map(); // response id -> record
export const items = new Map(); // item id -> record
export const cancelled = new Set(); // response ids whose late audio is dropped
export const counters = {
  appendsSent: 0,
  samplesSent: 0,
  deltasReceived: 0,
  deltasIgnored: 0,
  samplesReceived: 0,
  truncatesSent: 0,
  truncatedAcks: 0,
  bargeIns: 0,
  holds: 0,
  holdsReleased: 0,
  errorsShown: 0,
  reconnects: 0,
  maxOutputPeak: 0,
};
export const truncates = [];
export const errors = [];
export const latencyTurns = [];
export const partials = [];
export const eventLog = [];

export function log(what, detail) {
  const entry = { t: Math.round(performance.now()), what, ...(detail || {}) };
  eventLog.push(entry);
  if (eventLog.length > 1000) eventLog.shift();
  console.log("parley:", what, JSON.stringify(detail || {}));
}

export function response(id) {
  if (!id) id = "resp_unknown";
  let r = responses.get(id);
  if (!r) {
    r = {
      id,
      status: "in_progress",
      items: [],
      itemId: null,
      receivedSamples: 0,
      playedSamples: 0,
      firstDeltaPerf: null,
      startedPerf: null,
      startedFrame: null,
      heardMs: null,
      metrics: null,
      cancelled: false,
      interrupted: false,
      maxPeak: 0,
    };
    responses.set(id, r);
  }
  return r;
}

export function activeResponse() {
  for (const r of responses.values()) if (r.status === "in_progress" && !r.cancelled) return r;
  return null;
}
