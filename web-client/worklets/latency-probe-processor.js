// Voice-to-voice latency on one sample clock. Input 0: the microphone as the page hears it;
// input 1: the reply audio as the page plays it. A turn is measured from the last mic sample
// above the threshold to the first output sample above it, provided no output was above the
// threshold since that mic activity (so audio cut off by a barge-in is not counted).
// SPDX-License-Identifier: GPL-3.0-or-later

class LatencyProbe extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const o = (options && options.processorOptions) || {};
    this.threshold = o.threshold || 0.02;
    this.minGap = Math.round(((o.minGapMs || 150) * sampleRate) / 1000);
    this.micLast = -1;
    this.outLast = -1;
    this.port.onmessage = (e) => {
      if (e.data.type === "threshold") this.threshold = e.data.value;
    };
  }

  peakAt(input, i) {
    let p = 0;
    if (!input) return 0;
    for (let c = 0; c < input.length; c++) {
      const v = input[c][i];
      const a = v < 0 ? -v : v;
      if (a > p) p = a;
    }
    return p;
  }

  process(inputs) {
    const mic = inputs[0];
    const out = inputs[1];
    const n = (mic && mic[0] && mic[0].length) || (out && out[0] && out[0].length) || 128;
    const thr = this.threshold;
    for (let i = 0; i < n; i++) {
      const f = currentFrame + i;
      if (mic && mic.length && this.peakAt(mic, i) > thr) this.micLast = f;
      if (out && out.length && this.peakAt(out, i) > thr) {
        if (this.micLast > this.outLast && f - this.micLast >= this.minGap) {
          this.port.postMessage({
            type: "turn",
            micEndFrame: this.micLast,
            replyStartFrame: f,
            latencyMs: ((f - this.micLast) * 1000) / sampleRate,
            sampleRate,
          });
        }
        this.outLast = f;
      }
    }
    return true;
  }
}

registerProcessor("parley-latency-probe", LatencyProbe);
