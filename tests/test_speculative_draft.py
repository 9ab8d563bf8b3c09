"""Speculative decoding through `LlamaCppChat(draft_model_path=...)` (models/llm/draft_model.py).

The bundled Qwen2.5-Coder-0.5B is both the target and the draft here: greedy decoding must
give exactly the tokens it gives without a draft, and the draft must really be consulted
(with the model as its own draft nearly every drafted token is accepted, so there are far
fewer draft calls than tokens). Exact equality holds for this prompt, whose greedy choices
are no near-ties: batched evaluation can move a logit by ~0.5 (models/llm/draft_model.py)."""
from __future__ import annotations

from contextlib import aclosing

import pytest

from models.llm import LlamaCppChat, LLMError, TextDelta, Usage
from models.weights import smollm2_gguf

N_TOKENS = 24
MESSAGES = [
    {"role": "system", "content": "You are Parley, a voice assistant on a computer help line. Answer in plain sentences."},
    {"role": "user", "content": "My laptop will not connect to the wifi since this morning. Explain step by step what I should try."},
]


@pytest.fixture(scope="module")
async def plain(qwen_path):
    llm = LlamaCppChat(qwen_path, n_ctx=2048, n_threads=2)
    yield llm
    await llm.aclose()


@pytest.fixture(scope="module")
async def drafted(qwen_path):
    llm = LlamaCppChat(qwen_path, n_ctx=2048, n_threads=2, draft_model_path=qwen_path, draft_tokens=4)
    yield llm
    await llm.aclose()


async def reply(llm: LlamaCppChat) -> tuple[str, Usage]:
    async with aclosing(llm.stream(MESSAGES, max_tokens=N_TOKENS, temperature=0.0)) as events:
        got = [e async for e in events]
    usage = got[-1]
    assert isinstance(usage, Usage)
    return "".join(e.text for e in got if isinstance(e, TextDelta)), usage


async def test_a_draft_gives_the_same_greedy_reply_with_fewer_steps(plain, drafted):
    text, usage = await reply(plain)
    text_d, usage_d = await reply(drafted)
    draft = drafted.draft
    assert plain.draft is None and draft is not None
    assert usage.completion_tokens == N_TOKENS, text  # the reply ran to max_tokens
    assert (text_d, usage_d.completion_tokens) == (text, usage.completion_tokens)
    # consulted, and its drafts accepted: one call per accepted run, not one per token
    assert draft.calls >= 2 and draft.drafted >= draft.calls
    assert draft.calls < N_TOKENS // 2, (draft.calls, draft.drafted)
    assert drafted._sampled_p(0) is None  # a draft batch's logits are not the sampled token's own


async def test_the_same_token_ids_through_generate(plain, drafted):
    """The exact ids from `Llama.generate` (what `LlamaCppChat` decodes through), with the
    KV cache of the previous reply in place: the draft catches up by its common prefix."""
    prompt = plain._tokenize([("<|im_start|>user\nHow do I take a screenshot on Windows?<|im_end|>\n<|im_start|>assistant\n", True)])

    def ids(llm: LlamaCppChat) -> list[int]:
        out = []
        for token in llm._llm.generate(prompt, top_k=1, temp=0.0, repeat_penalty=1.0, reset=True):
            out.append(token)
            if len(out) == N_TOKENS:
                break
        return out

    calls = drafted.draft.calls
    assert ids(drafted) == ids(plain)
    assert drafted.draft.calls > calls


async def test_a_draft_of_another_tokenizer_is_refused(qwen_path):
    llm = LlamaCppChat(qwen_path, n_ctx=512, n_threads=2, draft_model_path=smollm2_gguf())
    with pytest.raises(LLMError, match="vocabulary") as err:
        await llm.warm()
    assert err.value.code == "llm_config"
    assert not llm.loaded
    await llm.aclose()


def test_a_missing_draft_file_is_refused(qwen_path, tmp_path):
    with pytest.raises(LLMError) as err:
        LlamaCppChat(qwen_path, draft_model_path=tmp_path / "nope.gguf")
    assert err.value.code == "llm_model_missing"
