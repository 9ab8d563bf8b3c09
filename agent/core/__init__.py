"""The conversation core: one session, its turns, its replies and what the user heard."""
