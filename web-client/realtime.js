// OpenAI Realtime (GA) events over a WebSocket, plus the Parley server's auth and health checks.
// SPDX-License-Identifier: GPL-3.0-or-later

export class AuthRequired extends Error {
  constructor(message, rejected) {
    super(message);
    this.rejected = rejected; // a key was given and refused
  }
}

export class ServerLoading extends Error {}

function wsUrl(base) {
  const u = new URL("v1/realtime", base);
  u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
  return u.toString();
}

// GET /health: 200 ready, 503 loading models, 401 needs (another) key.
export async function checkHealth(base, apiKey) {
  const headers = apiKey ? { Authorization: `Bearer ${apiKey}` } : {};
  let res;
  try {
    res = await fetch(new URL("health", base), { headers, cache: "no-store" });
  } catch (e) {
    throw new Error(`cannot reach the server (${e.message})`);
  }
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  const errMsg = (body && (body.message || (body.error && body.error.message))) || res.statusText;
  if (res.status === 401 || (body && body.code === "unauthorized")) {
    throw new AuthRequired(errMsg || "this server needs an API key", !!apiKey);
  }
  if (res.status === 503) throw new ServerLoading(errMsg || "the server is still loading its models");
  if (!res.ok) throw new Error(`server health check failed: ${res.status} ${errMsg || ""}`.trim());
  return body;
}

export class RealtimeSocket extends EventTarget {
  constructor(base, apiKey) {
    super();
    this.url = wsUrl(base);
    this.apiKey = apiKey || "";
    this.ws = null;
    this.seq = 0;
    this.opened = false;
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  open() {
    // Browsers cannot set headers on a WebSocket; OpenAI's browser clients pass the key as a
    // subprotocol, and so do we (only when the user has given one).
    const protocols = this.apiKey ? ["realtime", `openai-insecure-api-key.${this.apiKey}`] : undefined;
    const ws = protocols ? new WebSocket(this.url, protocols) : new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.opened = true;
      this.emit("open", {});
    };
    ws.onmessage = (e) => {
      let evt;
      try {
        evt = JSON.parse(e.data);
      } catch {
        this.emit("bad-message", { data: String(e.data).slice(0, 200) });
        return;
      }
      this.emit("server-event", evt);
    };
    ws.onerror = () => this.emit("socket-error", {});
    ws.onclose = (e) => this.emit("close", { code: e.code, reason: e.reason, wasClean: e.wasClean, opened: this.opened });
  }

  get isOpen() {
    return !!this.ws && this.ws.readyState === WebSocket.OPEN;
  }

  send(evt) {
    if (!this.isOpen) return null;
    if (!evt.event_id) evt = { event_id: `evt_c${Date.now().toString(36)}_${++this.seq}`, ...evt };
    this.ws.send(JSON.stringify(evt));
    return evt.event_id;
  }

  sendRaw(text) {
    if (this.isOpen) this.ws.send(text);
  }

  close(code = 1000, reason = "client closed") {
    if (this.ws) {
      this.ws.onclose = null;
      this.ws.onmessage = null;
      this.ws.onerror = null;
      try {
        this.ws.close(code, reason);
      } catch {
        /* already closed */
      }
    }
    this.ws = null;
  }
}
