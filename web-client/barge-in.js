// BargeInHold: what the client does with its reply audio when the user speaks over it.
//
// The user starts speaking while the agent is audible: playback pauses at once (hold). The
// server then gives its verdict, and the hold follows it; no timer guesses it:
//   parley.speech.ignored for that speech         -> release (a backchannel, noise or echo: play on)
//   response.done "cancelled" for a held response -> confirm (a barge-in: drop the queued audio)
//   input_audio_buffer.committed for that speech  -> confirm (a new turn: the old reply is stale)
//   response.created for another response         -> confirm (the same)
// Only if no verdict ever comes (a lost connection) does `maxMs` release the hold.
// No DOM and no audio here: the caller passes its effects in, so this runs under node --test.

export class BargeInHold {
  constructor({ pause, resume, confirm, log = () => {}, maxMs = 30000, now = () => Date.now(),
                setTimer = (f, ms) => setTimeout(f, ms), clearTimer = (t) => clearTimeout(t) }) {
    Object.assign(this, { pause, resume, confirm, log, maxMs, now, setTimer, clearTimer });
    this.hold = null;
    this.released = 0;
    this.confirmed = 0;
  }

  get active() {
    return this.hold !== null;
  }

  // input_audio_buffer.speech_started, with the ids of the responses still audible
  speechStarted(itemId, audibleResponses) {
    if (this.hold || audibleResponses.size === 0) return false;
    this.hold = { item: itemId, responses: new Set(audibleResponses), since: this.now(), timer: 0 };
    this.hold.timer = this.setTimer(() => this._release("no verdict"), this.maxMs);
    this.pause();
    this.log("barge-in-hold", { responses: [...audibleResponses], speech_item: itemId });
    return true;
  }

  speechIgnored(itemId, reason) {
    if (this.hold && this.hold.item === itemId) this._release(`server: ${reason || "not a turn"}`);
  }

  responseCancelled(responseId) {
    if (this.hold && this.hold.responses.has(responseId)) this._confirm("response_cancelled");
  }

  // response.created: a reply other than the held ones means the server took the speech as a turn
  responseCreated(responseId) {
    if (this.hold && !this.hold.responses.has(responseId)) this._confirm("new_response");
  }

  committed(itemId) {
    if (this.hold && this.hold.item === itemId) this._confirm("new_turn");
  }

  // The session went away: forget the hold without playing or confirming anything.
  reset() {
    if (this.hold) this.clearTimer(this.hold.timer);
    this.hold = null;
  }

  _release(reason) {
    const h = this.hold;
    this.reset();
    this.released++;
    this.log("barge-in-released", { reason, heldMs: Math.round(this.now() - h.since) });
    this.resume();
  }

  _confirm(reason) {
    const h = this.hold;
    this.reset();
    this.confirmed++;
    this.log("barge-in-confirmed", { reason, heldMs: Math.round(this.now() - h.since) });
    this.confirm(reason);
  }
}
