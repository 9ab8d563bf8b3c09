// Reply playback: a queue of 24 kHz PCM chunks tagged with their item and response, resampled
// to the context rate. A "flush" message empties it before the next render quantum; the
// processor reports how much of each item was actually rendered (in 24 kHz samples).
// SPDX-License-Identifier: GPL-3.0-or-later
import { StreamResampler } from "./resampler.js";

class PlaybackProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const o = (options && options.processorOptions) || {};
    this.sourceRate = o.sourceRate || 24000;
    this.resampler = new StreamResampler(this.sourceRate, sampleRate);
    this.queue = []; // {item, resp, pcm: Float32Array, off}
    this.segments = []; // {item, resp, start, len, ended, started} on the source timeline
    this.ended = new Set(); // items whose last chunk has been queued
    this.pulled = 0; // source samples pushed into the resampler (padding included)
    this.pos = 0; // source position of the next output sample
    this.wasPlaying = false;
    this.paused = false; // holds the position (outputs silence) until resumed or flushed
    this.peak = 0;
    this.reportEvery = Math.max(1, Math.round((sampleRate * 0.05) / 128)); // ~50 ms
    this.blocks = 0;
    this.port.onmessage = (e) => this.onMessage(e.data);
  }

  onMessage(m) {
    if (m.type === "chunk") {
      this.queue.push({ item: m.item, resp: m.resp, pcm: m.pcm, off: 0 });
    } else if (m.type === "end") {
      this.ended.add(m.item);
      for (const s of this.segments) if (s.item === m.item) s.ended = true;
    } else if (m.type === "flush") {
      this.flush(m.reason || "flush", m.tag);
    } else if (m.type === "pause") {
      this.paused = true;
      const items = this.segments.map((s) => ({ item: s.item, resp: s.resp, played: this.playedOf(s) }));
      this.port.postMessage({ type: "paused", items, frame: currentFrame, time: currentTime });
    } else if (m.type === "resume") {
      this.paused = false;
    }
  }

  playedOf(seg) {
    return Math.max(0, Math.min(seg.len, Math.floor(this.pos - seg.start)));
  }

  flush(reason, tag) {
    const items = [];
    for (const s of this.segments) {
      items.push({ item: s.item, resp: s.resp, played: this.playedOf(s), buffered: s.len });
    }
    for (const q of this.queue) {
      let it = items.find((x) => x.item === q.item);
      if (!it) items.push((it = { item: q.item, resp: q.resp, played: 0, buffered: 0 }));
      it.buffered += q.pcm.length - q.off;
    }
    this.queue = [];
    this.segments = [];
    this.ended.clear();
    this.resampler.reset();
    this.pulled = 0;
    this.pos = 0;
    this.wasPlaying = false;
    this.paused = false;
    this.port.postMessage({ type: "flushed", reason, tag, items, frame: currentFrame, time: currentTime });
  }

  // Move source samples from the queue into the resampler until one more output is computable.
  pull() {
    while (!this.resampler.canOutput()) {
      const q = this.queue[0];
      if (!q) {
        // Nothing queued. Pad with silence only to drain the tail of a finished item.
        const last = this.segments[this.segments.length - 1];
        if (last && last.ended && this.pos < this.pulled) {
          this.resampler.pushZeros(this.resampler.latency);
          this.pulled += this.resampler.latency;
          continue;
        }
        return false;
      }
      let last = this.segments[this.segments.length - 1];
      if (!last || last.item !== q.item || last.start + last.len !== this.pulled) {
        last = { item: q.item, resp: q.resp, start: this.pulled, len: 0, ended: this.ended.has(q.item), started: false };
        this.segments.push(last);
      }
      const take = Math.min(q.pcm.length - q.off, 1024);
      this.resampler.push(q.pcm.subarray(q.off, q.off + take));
      q.off += take;
      last.len += take;
      this.pulled += take;
      if (q.off >= q.pcm.length) this.queue.shift();
    }
    return true;
  }

  process(inputs, outputs) {
    const out = outputs[0];
    const ch0 = out[0];
    const n = ch0.length;
    if (!this.queue.length && !this.segments.length && !this.wasPlaying) {
      return true; // idle: outputs are already zero-filled, nothing to report
    }
    const step = this.resampler.step;
    for (let i = 0; i < n; i++) {
      if (this.paused || !this.pull()) {
        ch0[i] = 0;
        continue;
      }
      const pos = this.pos;
      for (const s of this.segments) {
        if (!s.started && pos >= s.start) {
          s.started = true;
          this.port.postMessage({ type: "started", item: s.item, resp: s.resp, frame: currentFrame + i, time: currentTime + i / sampleRate });
        }
      }
      const v = this.resampler.next();
      this.pos += step;
      ch0[i] = v;
      const a = v < 0 ? -v : v;
      if (a > this.peak) this.peak = a;
    }
    for (let c = 1; c < out.length; c++) out[c].set(ch0);

    // Items fully rendered: report and forget.
    while (this.segments.length) {
      const s = this.segments[0];
      if (!(s.ended && this.pos >= s.start + s.len)) break;
      this.segments.shift();
      this.ended.delete(s.item);
      this.port.postMessage({ type: "done", item: s.item, resp: s.resp, played: s.len, frame: currentFrame + n });
    }
    const playing = !this.paused && (this.segments.some((s) => this.pos < s.start + s.len) || this.queue.length > 0);
    if (playing !== this.wasPlaying) {
      this.wasPlaying = playing;
      if (!playing) this.port.postMessage({ type: "idle", frame: currentFrame + n });
    }
    if ((++this.blocks % this.reportEvery === 0 && (this.segments.length || this.peak > 0)) || (!playing && this.peak > 0)) {
      const items = this.segments.map((s) => ({ item: s.item, resp: s.resp, played: this.playedOf(s) }));
      this.port.postMessage({ type: "progress", items, peak: this.peak, playing, frame: currentFrame + n });
      this.peak = 0;
    }
    return true;
  }
}

registerProcessor("parley-playback", PlaybackProcessor);
