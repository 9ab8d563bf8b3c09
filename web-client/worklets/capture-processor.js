// Microphone capture: downmix, resample to 24 kHz, PCM16 chunks to the main thread.
// SPDX-License-Identifier: GPL-3.0-or-later
import { StreamResampler } from "./resampler.js";

class CaptureProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const o = (options && options.processorOptions) || {};
    this.targetRate = o.targetRate || 24000;
    this.chunkSamples = Math.round((this.targetRate * (o.chunkMs || 40)) / 1000);
    this.resampler = new StreamResampler(sampleRate, this.targetRate);
    this.chunk = new Int16Array(this.chunkSamples);
    this.fill = 0;
    this.peak = 0;
    this.levelEvery = Math.max(1, Math.round((sampleRate * 0.05) / 128)); // ~50 ms
    this.blocks = 0;
    this.mono = new Float32Array(128);
    this.enabled = true;
    this.port.onmessage = (e) => {
      const m = e.data;
      if (m.type === "enable") this.enabled = !!m.value;
      else if (m.type === "reset") {
        this.resampler.reset();
        this.fill = 0;
      }
    };
  }

  process(inputs) {
    const input = inputs[0];
    if (!this.enabled || !input || input.length === 0) return true; // mic off: nothing connected
    const n = input && input.length ? input[0].length : 128;
    if (this.mono.length !== n) this.mono = new Float32Array(n);
    const mono = this.mono;
    mono.fill(0);
    // Several connections to this input (the mic, a test voice) are already summed here.
    if (input && input.length) {
      const g = 1 / input.length;
      for (let c = 0; c < input.length; c++) {
        const ch = input[c];
        for (let i = 0; i < n; i++) mono[i] += ch[i] * g;
      }
    }
    for (let i = 0; i < n; i++) {
      const a = mono[i] < 0 ? -mono[i] : mono[i];
      if (a > this.peak) this.peak = a;
    }
    const out = this.resampler.process(mono);
    for (let i = 0; i < out.length; i++) {
      let s = out[i];
      s = s > 1 ? 1 : s < -1 ? -1 : s;
      this.chunk[this.fill++] = s < 0 ? Math.round(s * 32768) : Math.round(s * 32767);
      if (this.fill === this.chunkSamples) {
        const buf = this.chunk;
        this.port.postMessage({ type: "chunk", pcm: buf, frame: currentFrame }, [buf.buffer]);
        this.chunk = new Int16Array(this.chunkSamples);
        this.fill = 0;
      }
    }
    if (++this.blocks % this.levelEvery === 0) {
      this.port.postMessage({ type: "level", peak: this.peak });
      this.peak = 0;
    }
    return true;
  }
}

registerProcessor("parley-capture", CaptureProcessor);
