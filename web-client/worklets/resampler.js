// Streaming band-limited resampler (windowed-sinc, table driven) for AudioWorklets.
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Input and output are Float32 mono. Any ratio works (44.1/48 kHz <-> 24 kHz in practice).
// The cutoff sits just below the lower of the two Nyquist frequencies, so downsampling does
// not alias and upsampling does not image. Latency: HALF input samples.

const HALF = 12; // taps on each side of the interpolation point
const PHASES = 128; // sub-sample positions in the kernel table

function buildTable(cutoff) {
  const n = 2 * HALF;
  const table = new Float32Array((PHASES + 1) * n);
  for (let p = 0; p <= PHASES; p++) {
    const frac = p / PHASES;
    let sum = 0;
    for (let j = 0; j < n; j++) {
      // distance from the output point (at floor+frac) to input sample floor-HALF+1+j
      const d = frac + HALF - 1 - j;
      const x = d * cutoff;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      const w = Math.abs(d) >= HALF ? 0 : 0.5 + 0.5 * Math.cos((Math.PI * d) / HALF); // Hann
      const v = sinc * w;
      table[p * n + j] = v;
      sum += v;
    }
    for (let j = 0; j < n; j++) table[p * n + j] /= sum; // unity gain at DC
  }
  return table;
}

export class StreamResampler {
  constructor(inRate, outRate) {
    this.inRate = inRate;
    this.outRate = outRate;
    this.step = inRate / outRate; // input samples per output sample
    this.table = buildTable(Math.min(1, outRate / inRate) * 0.94);
    this.buf = new Float32Array(8192);
    this.len = HALF - 1; // start with HALF-1 zeros of history
    this.pos = HALF - 1; // input index (into buf) of the next output sample
  }

  get latency() {
    return HALF;
  }

  reset() {
    this.buf.fill(0);
    this.len = HALF - 1;
    this.pos = HALF - 1;
  }

  // Input samples buffered but not yet fully consumed (position relative to the end).
  get pending() {
    return this.len - this.pos;
  }

  push(samples) {
    if (this.len + samples.length > this.buf.length) this._compact(samples.length);
    this.buf.set(samples, this.len);
    this.len += samples.length;
  }

  pushZeros(n) {
    if (this.len + n > this.buf.length) this._compact(n);
    this.buf.fill(0, this.len, this.len + n);
    this.len += n;
  }

  _compact(extra) {
    const keep = Math.floor(this.pos) - HALF + 1;
    if (keep > 0) {
      this.buf.copyWithin(0, keep, this.len);
      this.len -= keep;
      this.pos -= keep;
    }
    if (this.len + extra > this.buf.length) {
      let size = this.buf.length * 2;
      while (this.len + extra > size) size *= 2;
      const grown = new Float32Array(size);
      grown.set(this.buf.subarray(0, this.len));
      this.buf = grown;
    }
  }

  // True when one more output sample can be computed from what has been pushed.
  canOutput() {
    return Math.floor(this.pos) + HALF < this.len;
  }

  // Compute one output sample and advance; the caller checks canOutput() first.
  next() {
    const base = Math.floor(this.pos);
    const frac = this.pos - base;
    const p = Math.round(frac * PHASES);
    const n = 2 * HALF;
    const t = this.table;
    const off = p * n;
    const b = this.buf;
    const start = base - HALF + 1;
    let acc = 0;
    for (let j = 0; j < n; j++) acc += b[start + j] * t[off + j];
    this.pos += this.step;
    return acc;
  }

  // Convenience for streams: push input, return every output sample now computable.
  process(samples) {
    this.push(samples);
    const avail = Math.max(0, Math.floor((this.len - HALF - this.pos) / this.step) + 1);
    const out = new Float32Array(avail);
    let k = 0;
    while (k < avail && this.canOutput()) out[k++] = this.next();
    return k === avail ? out : out.subarray(0, k);
  }
}
