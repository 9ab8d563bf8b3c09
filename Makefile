.PHONY: run test setup bench
HOST ?= 127.0.0.1
PORT ?= 8765

run:
	@scripts/setup.sh run
	.venv/bin/parley serve --host $(HOST) --port $(PORT)

test:
	@scripts/setup.sh test
	scripts/in_private_network.sh .venv/bin/python -m pytest -q -ra

bench:
	@scripts/setup.sh run
	.venv/bin/python bench/stages.py
