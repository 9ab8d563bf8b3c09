"""The Parley server and the conversation: composes `media` and `models`."""
