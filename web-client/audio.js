// Audio for the voice client: one AudioContext, mic capture and reply playback in AudioWorklets.
// SPDX-License-Identifier: GPL-3.0-or-later

export const WIRE_RATE = 24000;

export class AudioEngine extends EventTarget {
  constructor() {
    super();
    this.ctx = null;
    this.capture = null;
    this.playback = null;
    this.micStream = null;
    this.micSource = null;
    this.analyser = null;
    this.probe = null;
    this._ready = null;
    this._pending = []; // playback messages queued before the worklet exists
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  // Create the context and playback graph. Call from a user gesture (click / key press).
  async ensure() {
    if (!this._ready) this._ready = this._init();
    await this._ready;
    if (this.ctx.state !== "running") await this.ctx.resume();
    return this.ctx;
  }

  async _init() {
    const ctx = new AudioContext({ latencyHint: "interactive" });
    this.ctx = ctx;
    const base = new URL("./worklets/", import.meta.url);
    await ctx.audioWorklet.addModule(new URL("capture-processor.js", base));
    await ctx.audioWorklet.addModule(new URL("playback-processor.js", base));
    this.playback = new AudioWorkletNode(ctx, "parley-playback", {
      numberOfInputs: 0,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      processorOptions: { sourceRate: WIRE_RATE },
    });
    this.playback.port.onmessage = (e) => this.emit("playback", e.data);
    for (const [msg, transfer] of this._pending) this.playback.port.postMessage(msg, transfer);
    this._pending = [];
    // Autoplay rules may keep a context created without a gesture suspended: resume on the next one.
    const resume = () => ctx.state !== "running" && ctx.resume();
    for (const ev of ["pointerdown", "keydown"]) document.addEventListener(ev, resume, { capture: true });
    this.analyser = new AnalyserNode(ctx, { fftSize: 2048 });
    this.playback.connect(ctx.destination);
    this.playback.connect(this.analyser);
    this.capture = new AudioWorkletNode(ctx, "parley-capture", {
      numberOfInputs: 1,
      numberOfOutputs: 0,
      channelCount: 2,
      channelCountMode: "explicit",
      processorOptions: { targetRate: WIRE_RATE, chunkMs: 40 },
    });
    this.capture.port.onmessage = (e) => this.emit("capture", e.data);
  }

  get micOn() {
    return !!this.micStream;
  }

  async startMic() {
    await this.ensure();
    if (this.micStream) return;
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: {
        echoCancellation: true,
        noiseSuppression: true,
        autoGainControl: true,
        channelCount: { ideal: 1 },
      },
    });
    this.micStream = stream;
    this.micSource = this.ctx.createMediaStreamSource(stream);
    this.capture.port.postMessage({ type: "reset" });
    this.micSource.connect(this.capture);
    if (this.probe) this.micSource.connect(this.probe, 0, 0);
    const track = stream.getAudioTracks()[0];
    track.addEventListener("ended", () => this.emit("mic-ended", {}));
    return track.getSettings();
  }

  stopMic() {
    if (!this.micStream) return;
    this.micSource.disconnect();
    for (const t of this.micStream.getTracks()) t.stop();
    this.micStream = null;
    this.micSource = null;
  }

  // Queue 24 kHz PCM16 reply audio for one item.
  enqueue(itemId, responseId, int16) {
    const f = new Float32Array(int16.length);
    for (let i = 0; i < int16.length; i++) f[i] = int16[i] / 32768;
    this._post({ type: "chunk", item: itemId, resp: responseId, pcm: f }, [f.buffer]);
  }

  _post(msg, transfer = []) {
    if (this.playback) this.playback.port.postMessage(msg, transfer);
    else this._pending.push([msg, transfer]);
  }

  endItem(itemId) {
    this._post({ type: "end", item: itemId });
  }

  // Drop everything queued; the processor answers with a "flushed" message listing what
  // each item had played.
  flush(reason, tag) {
    if (this.playback) this.playback.port.postMessage({ type: "flush", reason, tag });
    else this._pending = [];
  }

  // Hold playback where it is (silence from the next render quantum on), or go on.
  pause() {
    if (this.playback) this.playback.port.postMessage({ type: "pause" });
  }

  resume() {
    if (this.playback) this.playback.port.postMessage({ type: "resume" });
  }

  // Peak level of what the page is sending to the speakers right now (0..1).
  outputLevel() {
    if (!this.analyser) return 0;
    const buf = new Float32Array(this.analyser.fftSize);
    this.analyser.getFloatTimeDomainData(buf);
    let p = 0;
    for (const v of buf) p = Math.max(p, Math.abs(v));
    return p;
  }

  // Context time -> performance.now() time at which that sample reaches the output.
  contextTimeToPerf(t) {
    const ts = this.ctx.getOutputTimestamp ? this.ctx.getOutputTimestamp() : null;
    if (ts && ts.performanceTime) return ts.performanceTime + (t - ts.contextTime) * 1000;
    return performance.now() + (t - this.ctx.currentTime) * 1000 + (this.ctx.outputLatency || 0) * 1000;
  }

  // Mix a test utterance (e.g. a wav URL) into the capture path, as if spoken into the mic.
  async speak(source) {
    await this.ensure();
    let bytes;
    if (typeof source === "string") bytes = await (await fetch(source)).arrayBuffer();
    else bytes = source;
    const buffer = await this.ctx.decodeAudioData(bytes);
    const node = new AudioBufferSourceNode(this.ctx, { buffer });
    node.connect(this.capture);
    if (this.probe) node.connect(this.probe, 0, 0);
    const done = new Promise((resolve) => (node.onended = resolve));
    node.start();
    await done;
    node.disconnect();
    return buffer.duration;
  }

  // Start the two-input latency probe (mic + played output on one sample clock).
  async startLatencyProbe(opts = {}) {
    await this.ensure();
    if (this.probe) return;
    await this.ctx.audioWorklet.addModule(new URL("./worklets/latency-probe-processor.js", import.meta.url));
    this.probe = new AudioWorkletNode(this.ctx, "parley-latency-probe", {
      numberOfInputs: 2,
      numberOfOutputs: 0,
      processorOptions: { threshold: opts.threshold || 0.02, minGapMs: opts.minGapMs || 150 },
    });
    this.probe.port.onmessage = (e) => this.emit("probe", e.data);
    if (this.micSource) this.micSource.connect(this.probe, 0, 0);
    this.playback.connect(this.probe, 0, 1);
  }
}

export function base64FromBytes(bytes) {
  let s = "";
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) s += String.fromCharCode.apply(null, bytes.subarray(i, i + step));
  return btoa(s);
}

export function bytesFromBase64(b64) {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function int16FromBase64(b64) {
  const bytes = bytesFromBase64(b64);
  const n = bytes.length >> 1;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, n * 2);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) out[i] = dv.getInt16(i * 2, true);
  return out;
}

export function base64FromInt16(pcm) {
  const bytes = new Uint8Array(pcm.length * 2);
  const dv = new DataView(bytes.buffer);
  for (let i = 0; i < pcm.length; i++) dv.setInt16(i * 2, pcm[i], true);
  return base64FromBytes(bytes);
}
