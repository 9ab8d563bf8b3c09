// node --test tests/web/barge_in.test.mjs : the web client's barge-in hold, without a browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BargeInHold } from "../../web-client/barge-in.js";

function harness() {
  const calls = [];
  const timers = [];
  const hold = new BargeInHold({
    pause: () => calls.push("pause"),
    resume: () => calls.push("resume"),
    confirm: (reason) => calls.push(`confirm:${reason}`),
    setTimer: (f, ms) => timers.push({ f, ms }) && timers.length,
    clearTimer: (t) => { if (timers[t - 1]) timers[t - 1].cleared = true; },
    maxMs: 30000,
  });
  return { hold, calls, timers };
}

test("speech over audible audio pauses playback and holds", () => {
  const { hold, calls } = harness();
  assert.equal(hold.speechStarted("item_a", new Set(["resp_1"])), true);
  assert.deepEqual(calls, ["pause"]);
  assert.equal(hold.active, true);
});

test("nothing audible: no hold", () => {
  const { hold, calls } = harness();
  assert.equal(hold.speechStarted("item_a", new Set()), false);
  assert.deepEqual(calls, []);
});

test("the server's parley.speech.ignored releases the hold: playback resumes", () => {
  const { hold, calls, timers } = harness();
  hold.speechStarted("item_a", new Set(["resp_1"]));
  hold.speechIgnored("item_other", "backchannel"); // another utterance: not ours
  assert.equal(hold.active, true);
  hold.speechIgnored("item_a", "backchannel");
  assert.deepEqual(calls, ["pause", "resume"]);
  assert.equal(hold.active, false);
  assert.equal(timers[0].cleared, true);
});

test("a cancelled held response confirms the barge-in; another response's cancel does not", () => {
  const { hold, calls } = harness();
  hold.speechStarted("item_a", new Set(["resp_1"]));
  hold.responseCancelled("resp_9");
  assert.equal(hold.active, true);
  hold.responseCancelled("resp_1");
  assert.deepEqual(calls, ["pause", "confirm:response_cancelled"]);
});

test("the speech committed as a turn confirms it", () => {
  const { hold, calls } = harness();
  hold.speechStarted("item_a", new Set(["resp_1"]));
  hold.committed("item_a");
  assert.deepEqual(calls, ["pause", "confirm:new_turn"]);
  assert.equal(hold.confirmed, 1);
});

test("only a verdict that never comes lets the safety timer release", () => {
  const { hold, calls, timers } = harness();
  hold.speechStarted("item_a", new Set(["resp_1"]));
  assert.equal(timers.length, 1);
  assert.equal(timers[0].ms, 30000);
  timers[0].f();
  assert.deepEqual(calls, ["pause", "resume"]);
  assert.equal(hold.released, 1);
});

test("reset forgets a hold without playing or confirming", () => {
  const { hold, calls } = harness();
  hold.speechStarted("item_a", new Set(["resp_1"]));
  hold.reset();
  hold.speechIgnored("item_a", "noise");
  assert.deepEqual(calls, ["pause"]);
});
