"""Signal handling with no learned models: PCM, resampling, G.711, images, speech text. Never imports `agent`."""
